import { describe, expect, it } from 'vitest'
import { formatDuration, normalizeDuration, parseDuration, toNanoseconds } from './durations.ts'
import { parseBytes } from './bytes.ts'
import { splitShellWords } from './shell-words.ts'

describe('durations (Go format)', () => {
  it.each([
    ['10s', '10s'],
    ['60s', '1m0s'],
    ['120s', '2m0s'],
    ['1h', '1h0m0s'],
    ['1.5h', '1h30m0s'],
    ['500ms', '500ms'],
    ['1m30.5s', '1m30.5s'],
    ['2d', '48h0m0s'],
    ['1w', '168h0m0s'],
    ['0', '0s'],
    ['1500ns', '1.5µs'],
  ])('%s → %s', (input, output) => expect(normalizeDuration(input)).toBe(output))
  it('converts to nanoseconds', () => expect(toNanoseconds('1m30s')).toBe(90e9))
  it('rejects a number without unit', () => expect(() => parseDuration('10')).toThrow('missing unit'))
  it('formats negative durations', () => expect(formatDuration(-1e9)).toBe('-1s'))
})

describe('byte sizes (go-units RAMInBytes)', () => {
  it.each([
    ['50M', 52428800],
    ['20m', 20971520],
    ['1.5g', 1610612736],
    ['1024', 1024],
    ['10 KB', 10240],
    ['1GiB', 1073741824],
  ])('%s → %d', (input, bytes) => expect(parseBytes(input)).toBe(bytes))
  it('rejects garbage', () => expect(() => parseBytes('lots')).toThrow("invalid size: 'lots'"))
})

describe('command strings (go-shellwords)', () => {
  it.each([
    ['bundle exec thin -p 3000', ['bundle', 'exec', 'thin', '-p', '3000']],
    [`sh -c 'chown -R 1000:1000 /data'`, ['sh', '-c', 'chown -R 1000:1000 /data']],
    ['echo "a \\"b\\" c"', ['echo', 'a "b" c']],
    ['echo ""', ['echo', '']],
    ['a\\ b c', ['a b', 'c']],
  ])('%s', (input, words) => expect(splitShellWords(input)).toEqual(words))
  it('rejects an unterminated quote', () => expect(() => splitShellWords('echo "a')).toThrow('invalid command line string'))
})
