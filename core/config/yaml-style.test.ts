import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { toGoYaml } from './yaml-style.ts'

describe('toGoYaml quoting', () => {
  // each string must read back as itself: the fast path for plain strings may not miss a quote
  const strings = ['nginx', 'yes', 'Yes', 'NO', 'on', 'Off', 'true', 'null', 'Null', '~', '', '8080', '0440', '1:20', '.inf', '-1', '+1',
    'abc', '/var/lib', '$HOME', '_x', 'zebra', 'x: y', 'a #b', '!!int 5', '&a 5', ' 5', '#c', 'service:db', 'y', 'n', 'Z', '0x1F', '1e3']

  it('double-quotes exactly the strings that would read back as another type', () => {
    const text = toGoYaml({ values: strings })
    expect((parse(text, { version: '1.1' }) as { values: unknown[] }).values).toEqual(strings)
    expect(text).toContain('- "8080"')
    expect(text).toContain('- "yes"')
    expect(text).toContain('- nginx')
    expect(text).toContain('- /var/lib')
  })
})
