/**
 * `--since` / `--until` values as the docker CLI reads them (docker/cli opts timetypes
 * GetTimestamp): a Go duration before `now` (`42m`, `1h30m`), an RFC 3339 timestamp, possibly
 * partial (`2013-01-02`, `2013-01-02T13:23`) and then in local time, or unix seconds (`1700000000.5`).
 */
import { ComposeError } from '../errors.ts'
import { parseDuration } from '../loader/normalize/durations.ts'

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/

/** Unix seconds (fractions allowed) for a `--since`/`--until` value. */
export function toUnixSeconds(value: string, now: Date = new Date()): number {
  const v = value.trim()
  if (v !== '0' && v !== '') {
    try {
      // fractional seconds: the engine compares to the nanosecond, so `--until 0s` includes what just happened
      return (now.getTime() - parseDuration(v) / 1e6) / 1000
    } catch {
      // not a duration: try the other forms
    }
  }
  const m = STAMP.exec(v)
  if (m !== null) {
    const [, y, mo, d, h, mi, s, frac, zone] = m
    const fields = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const
    let ms: number
    if (zone === undefined) ms = new Date(...fields).getTime()
    else {
      ms = Date.UTC(...fields)
      if (zone !== 'Z' && zone !== 'z') {
        const sign = zone.startsWith('-') ? -1 : 1
        ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000
      }
    }
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000) + (frac === undefined ? 0 : Number(`0${frac}`))
  }
  if (/^\d+(\.\d{1,9})?$/.test(v)) return Number(v)
  throw new ComposeError('QUERY_INVALID', `failed to parse value as time or duration: "${value}"`, {
    hint: 'use a duration (42m, 1h30m), a timestamp (2013-01-02T13:23:37Z, 2013-01-02) or unix seconds',
  })
}
