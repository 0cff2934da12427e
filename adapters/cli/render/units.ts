/**
 * The small formatters docker's tables use: go-units `HumanDuration` / `HumanSizeWithPrecision`,
 * the CLI's `Ellipsis`, `stringid.TruncateID`, Go's `strconv.Quote`, and `DisplayablePorts`.
 */

/** go-units `HumanDuration`: `Less than a second`, `3 seconds`, `About a minute`, `2 hours`… */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.trunc(ms / 60_000)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.round(ms / 3_600_000)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB']

/** go-units `HumanSizeWithPrecision(size, 3)`: decimal units, `%.3g` (`1.99MB`, `4.1kB`, `0B`). */
export function humanSize(bytes: number, precision = 3): string {
  let size = bytes
  let unit = 0
  while (size >= 1000 && unit < SIZE_UNITS.length - 1) {
    size /= 1000
    unit++
  }
  return `${formatG(size, precision)}${SIZE_UNITS[unit] as string}`
}

/** Go's `%.<p>g` for the magnitudes sizes have (no exponent below 1e21). */
function formatG(value: number, precision: number): string {
  if (value === 0) return '0'
  const exp = Math.floor(Math.log10(Math.abs(value)))
  if (exp < -4 || exp >= precision) {
    const [m, e] = value.toExponential(precision - 1).split('e') as [string, string]
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m
    const n = Number(e)
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`
  }
  return String(Number(value.toPrecision(precision)))
}

/** docker CLI `Ellipsis`: at most `max` characters, the last one `…` when cut. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text]
  if (max <= 0) return ''
  if (chars.length <= max) return text
  if (max === 1) return chars[0] as string
  return `${chars.slice(0, max - 1).join('')}…`
}

/** `stringid.TruncateID`: without the `sha256:` prefix, 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':')
  const bare = colon >= 0 ? id.slice(colon + 1) : id
  return bare.length > 12 ? bare.slice(0, 12) : bare
}

/** Go's `strconv.Quote`. */
export function goQuote(text: string): string {
  let out = '"'
  for (const ch of text) {
    const c = ch.codePointAt(0) as number
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\x07') out += '\\a'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (ch === '\v') out += '\\v'
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029) out += c > 0xff ? `\\u${c.toString(16).padStart(4, '0')}` : `\\u00${c.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return `${out}"`
}

export interface DisplayPort {
  IP?: string
  PrivatePort: number
  PublicPort?: number
  Type: string
}

/** docker CLI `DisplayablePorts`: `0.0.0.0:8080->80/tcp, :::8080->80/tcp, 443/tcp`, consecutive ports as ranges. */
export function displayablePorts(ports: readonly DisplayPort[]): string {
  const sorted = [...ports].sort(
    (a, b) => a.PrivatePort - b.PrivatePort || cmp(a.IP ?? '', b.IP ?? '') || (a.PublicPort ?? 0) - (b.PublicPort ?? 0) || cmp(a.Type, b.Type),
  )
  const groups = new Map<string, { first: number; last: number }>()
  const result: string[] = []
  const hostMappings: string[] = []
  for (const p of sorted) {
    const current = p.PrivatePort
    let key = p.Type
    if (p.IP !== undefined && p.IP !== '') {
      if ((p.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(p.IP, String(p.PublicPort ?? 0))}->${p.PrivatePort}/${p.Type}`)
        continue
      }
      key = `${p.IP}/${p.Type}`
    }
    const group = groups.get(key)
    if (group === undefined) {
      groups.set(key, { first: current, last: current })
      continue
    }
    if (current === group.last + 1) {
      group.last = current
      continue
    }
    result.push(formGroup(key, group.first, group.last))
    groups.set(key, { first: current, last: current })
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last))
  return [...result, ...hostMappings].join(', ')
}

function formGroup(key: string, first: number, last: number): string {
  const slash = key.lastIndexOf('/')
  const ip = slash >= 0 ? key.slice(0, slash) : ''
  const type = slash >= 0 ? key.slice(slash + 1) : key
  let group = first === last ? String(first) : `${first}-${last}`
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`
  return `${group}/${type}`
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
