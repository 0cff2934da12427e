import { describe, expect, it } from 'vitest'
import { toUnixSeconds } from './_time.ts'

describe('--since / --until values', () => {
  const now = new Date(Date.UTC(2024, 0, 2, 12, 0, 0))
  const nowSeconds = now.getTime() / 1000

  it('reads Go durations as that long before now', () => {
    expect(toUnixSeconds('42m', now)).toBe(nowSeconds - 42 * 60)
    expect(toUnixSeconds('1h30m', now)).toBe(nowSeconds - 5400)
    expect(toUnixSeconds('1.5s', now)).toBe(nowSeconds - 1.5)
    expect(toUnixSeconds('0s', now)).toBe(nowSeconds) // to the millisecond: `--until 0s` keeps what just happened
  })

  it('reads RFC 3339 timestamps, with a zone or in local time', () => {
    expect(toUnixSeconds('2013-01-02T13:23:37Z', now)).toBe(Date.UTC(2013, 0, 2, 13, 23, 37) / 1000)
    expect(toUnixSeconds('2013-01-02T13:23:37.5+01:00', now)).toBe(Date.UTC(2013, 0, 2, 12, 23, 37) / 1000 + 0.5)
    expect(toUnixSeconds('2013-01-02', now)).toBe(new Date(2013, 0, 2).getTime() / 1000)
    expect(toUnixSeconds('2013-01-02T13:23', now)).toBe(new Date(2013, 0, 2, 13, 23).getTime() / 1000)
  })

  it('reads unix seconds and rejects anything else', () => {
    expect(toUnixSeconds('1700000000', now)).toBe(1_700_000_000)
    expect(toUnixSeconds('1700000000.25', now)).toBe(1_700_000_000.25)
    expect(() => toUnixSeconds('yesterday', now)).toThrow(/failed to parse value as time or duration/)
  })
})
