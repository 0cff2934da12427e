/** JSON as Go's `encoding/json` writes the values our list commands print. */

/** `time.Time` marshalled: RFC 3339 with the fraction's trailing zeros dropped (`2024-05-06T07:08:09Z`). */
export function goTimeJson(d: Date): string {
  return d.toISOString().replace(/\.(\d*?)0*Z$/, (_, frac: string) => (frac === '' ? 'Z' : `.${frac}Z`))
}

/** RFC3339Nano of a local time with its offset (`2024-05-06T07:08:09.123456789+02:00`, `…Z` in UTC). */
export function goTimeNano(d: Date, nanos: number): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  const offset = -d.getTimezoneOffset()
  const frac = String(nanos).padStart(9, '0').replace(/0+$/, '')
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac === '' ? '' : `.${frac}`}${zone}`
}

/** `2006-01-02 15:04:05.000000` in local time. */
export function goMicros(d: Date, nanos: number): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(Math.trunc(nanos / 1000), 6)}`
}
