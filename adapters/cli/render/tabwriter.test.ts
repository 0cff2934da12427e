import { describe, expect, it } from 'vitest'
import { CONTAINER_TABLE, formatTable, PRETTY_SECTION, tabwrite, TOP_TABLE } from './tabwriter.ts'

describe('tabwriter (Go text/tabwriter)', () => {
  it('pads every column but the last to its widest cell plus padding, at least minWidth', () => {
    expect(formatTable([['NAME', 'IMAGE', 'STATUS'], ['a-very-long-name', 'busybox', 'Up']], CONTAINER_TABLE)).toBe(
      'NAME               IMAGE     STATUS\na-very-long-name   busybox   Up\n',
    )
    expect(formatTable([['NAME', 'STATUS'], ['p', 'running(2)']], PRETTY_SECTION)).toBe(`${'NAME'.padEnd(20)}STATUS\n${'p'.padEnd(20)}running(2)\n`)
    expect(formatTable([['SERVICE', '#', 'CMD'], ['web', '1', 'sleep 1']], TOP_TABLE)).toBe('SERVICE  #   CMD\nweb      1   sleep 1\n')
  })

  it('counts characters, not bytes', () => {
    expect(formatTable([['é…', 'x'], ['ab', 'y']], { minWidth: 0, padding: 1 })).toBe('é… x\nab y\n')
  })

  it('aligns a column only over consecutive lines that have it (column blocks)', () => {
    const text = 'a\tb\tc\nlonger\tx\nz\n1\t2\t3\n'
    expect(tabwrite(text, { minWidth: 0, padding: 1 })).toBe('a      b c\nlonger x\nz\n1 2 3\n')
  })

  it('keeps empty columns at the minimal width', () => {
    expect(formatTable([['A', '', 'C'], ['x', '', 'z']], CONTAINER_TABLE)).toBe(`${'A'.padEnd(10)}${''.padEnd(10)}C\n${'x'.padEnd(10)}${''.padEnd(10)}z\n`)
  })
})
