import { describe, expect, it } from 'vitest'
import { parseArgs } from './parse-args.ts'

const specs = {
  file: { type: 'strings', short: 'f', description: '' },
  detach: { type: 'boolean', short: 'd', description: '' },
  quiet: { type: 'boolean', short: 'q', description: '' },
  timeout: { type: 'number', short: 't', description: '' },
  format: { type: 'string', description: '' },
} as const

describe('parseArgs', () => {
  it('reads long, short, repeated, inline and clustered flags', () => {
    const { flags, positionals } = parseArgs(['-f', 'a.yml', '--file=b.yml', '-dq', '-t5', '--format', 'json', 'web', 'db'], specs)
    expect(flags).toEqual({ file: ['a.yml', 'b.yml'], detach: true, quiet: true, timeout: 5, format: 'json' })
    expect(positionals).toEqual(['web', 'db'])
  })
  it('stops at the first positional when asked (command name, exec command)', () => {
    expect(parseArgs(['-d', 'web', 'ls', '-la'], specs, { stopAtPositional: true }).positionals).toEqual(['web', 'ls', '-la'])
  })
  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '-d'], specs).positionals).toEqual(['-d'])
  })
  it('suggests the closest flag for a typo', () => {
    expect(() => parseArgs(['--detatch'], specs)).toThrow(expect.objectContaining({ code: 'CLI_USAGE', hint: 'did you mean --detach?' }))
  })
  it('refuses a number flag with a non-number', () => {
    expect(() => parseArgs(['-t', 'soon'], specs)).toThrow(/takes a number/)
  })
})
