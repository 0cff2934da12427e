/**
 * Durations as docker compose reads and prints them: Go's `time.ParseDuration` syntax plus the
 * `d` and `w` units of str2duration, printed back in Go's `Duration.String()` form (`1m30s`).
 */

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  '\u00b5s': 1e3, // micro sign
  '\u03bcs': 1e3, // Greek small letter mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 604800e9,
}

/** Nanoseconds of a duration string; throws on invalid input (Go's error text). */
export function parseDuration(input: string): number {
  let s = input
  let sign = 1
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1
    s = s.slice(1)
  }
  if (s === '0') return 0
  if (s === '') throw new Error(`time: invalid duration "${input}"`)
  let total = 0
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h|d|w)/
  while (s !== '') {
    const m = re.exec(s)
    if (m === null) {
      if (/^(\d+(?:\.\d*)?|\.\d+)$/.test(s)) throw new Error(`time: missing unit in duration "${input}"`)
      throw new Error(`time: invalid duration "${input}"`)
    }
    total += Number(m[1]) * (UNITS[m[2] as string] as number)
    s = s.slice(m[0].length)
  }
  return sign * Math.round(total)
}

function fmtFrac(value: number, digits: number): string {
  // value is an integer count of the smallest unit; returns ".ddd" without trailing zeros
  const scale = 10 ** digits
  const frac = value % scale
  if (frac === 0) return ''
  return `.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`
}

/** Go's `time.Duration.String()`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s'
  const neg = ns < 0
  const u = Math.abs(Math.round(ns))
  let out: string
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`
    else if (u < 1e6) out = `${Math.floor(u / 1e3)}${fmtFrac(u, 3)}\u00b5s`
    else out = `${Math.floor(u / 1e6)}${fmtFrac(u, 6)}ms`
  } else {
    const totalSeconds = Math.floor(u / 1e9)
    const seconds = `${totalSeconds % 60}${fmtFrac(u, 9)}s`
    const totalMinutes = Math.floor(totalSeconds / 60)
    if (totalMinutes === 0) out = seconds
    else {
      const hours = Math.floor(totalMinutes / 60)
      out = hours === 0 ? `${totalMinutes % 60}m${seconds}` : `${hours}h${totalMinutes % 60}m${seconds}`
    }
  }
  return neg ? `-${out}` : out
}

/** Canonical form of a duration written in a compose file (`90s` → `1m30s`). */
export function normalizeDuration(input: string | number): string {
  return formatDuration(parseDuration(String(input)))
}

/** Nanoseconds of a normalized duration, for the engine API (healthcheck, stop timeout). */
export function toNanoseconds(duration: string): number {
  return parseDuration(duration)
}
