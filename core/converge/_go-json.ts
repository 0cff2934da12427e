/**
 * A small encoder that writes a model object the way Go's `encoding/json` writes the matching
 * compose-go struct: fields in struct order, `omitempty` rules, sorted map keys, HTML-safe string
 * escapes, float32 shortest form, and compose-go's custom marshalers (UnitBytes as a quoted
 * number, FileMode as a quoted octal, HostsList as sorted `host=ip`, single ulimits as numbers).
 * The field tables live in ./_go-types.ts.
 */

/** How one Go type is written. */
export type GoType =
  | 'string'
  | 'int'
  | 'float32'
  | 'bool'
  /** compose-go UnitBytes: `"123"` */
  | 'bytes'
  /** compose-go Duration: our model already holds Go's `Duration.String()` form */
  | 'duration'
  /** compose-go FileMode: `"0440"` */
  | 'filemode'
  /** compose-go HostsList: sorted `host=ip` list */
  | 'hosts'
  /** compose-go ShellCommand without omitempty: undefined → null, null → [] */
  | 'command'
  /** *UlimitsConfig: a number when single, else {soft, hard} */
  | 'ulimit'
  | { list: GoType }
  | { map: GoType }
  /** a Go pointer: omitted by omitempty only when undefined; null inside maps → null */
  | { ptr: GoType }
  | { struct: readonly GoField[] }

/**
 * One struct field: [json name, type, tag]. `omitempty` (the default) drops zero values;
 * `always` writes them; `omitzero-true` is compose-go's OptOut (dropped when true).
 */
export type GoField = readonly [name: string, type: GoType, tag?: 'always' | 'omitzero-true']

type Value = unknown

function isRecord(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Go's omitempty: false, 0, "", nil pointer, empty slice or map. Structs are never empty. */
function isEmpty(type: GoType, v: Value): boolean {
  if (typeof type === 'object' && 'struct' in type) return false
  if (v === undefined || v === null) return true
  if (typeof type === 'object' && 'ptr' in type) return false
  if (type === 'command') return false
  if (Array.isArray(v)) return v.length === 0
  if (type === 'hosts' || (typeof type === 'object' && 'map' in type)) return isRecord(v) && Object.keys(v).length === 0
  return v === false || v === 0 || v === ''
}

export function goString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Shortest decimal that reads back as the same float32 (strconv.FormatFloat(f, 'f'|'e', -1, 32)). */
export function goFloat32(n: number): string {
  const f = Math.fround(n)
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f)
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p))
    if (Math.fround(s) === f) {
      const abs = Math.abs(f)
      if (abs !== 0 && (abs < Math.fround(1e-6) || abs >= Math.fround(1e21))) {
        // Go: 'e' format with at least two exponent digits
        return s.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
      }
      return String(s)
    }
  }
  return String(f)
}

function mapKeys(v: Record<string, Value>): string[] {
  return Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

export function encodeGo(type: GoType, v: Value): string {
  if (typeof type === 'object') {
    if ('ptr' in type) return v === undefined || v === null ? 'null' : encodeGo(type.ptr, v)
    if ('list' in type) return Array.isArray(v) ? `[${v.map((item) => encodeGo(type.list, item)).join(',')}]` : 'null'
    if ('map' in type) {
      if (!isRecord(v)) return 'null'
      return `{${mapKeys(v)
        .map((k) => `${goString(k)}:${encodeGo(type.map, v[k])}`)
        .join(',')}}`
    }
    return encodeStruct(type.struct, isRecord(v) ? v : {})
  }
  switch (type) {
    case 'string':
    case 'duration':
      return typeof v === 'string' ? goString(v) : '""'
    case 'int':
      return typeof v === 'number' ? String(Math.trunc(v)) : '0'
    case 'float32':
      return typeof v === 'number' ? goFloat32(v) : '0'
    case 'bool':
      return v === true ? 'true' : 'false'
    case 'bytes':
      return `"${typeof v === 'number' ? Math.trunc(v) : 0}"`
    case 'filemode':
      return `"0${(typeof v === 'number' ? v : 0).toString(8)}"`
    case 'hosts': {
      if (!isRecord(v)) return 'null'
      const list: string[] = []
      for (const [host, ips] of Object.entries(v)) for (const ip of Array.isArray(ips) ? ips : []) list.push(`${host}=${String(ip)}`)
      list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      return `[${list.map(goString).join(',')}]`
    }
    case 'command':
      if (v === undefined) return 'null'
      if (v === null) return '[]'
      return encodeGo({ list: 'string' }, v)
    case 'ulimit': {
      if (!isRecord(v)) return 'null'
      if (typeof v.single === 'number' && v.single !== 0) return String(v.single)
      return encodeStruct(
        [
          ['soft', 'int'],
          ['hard', 'int'],
        ],
        v,
      )
    }
  }
}

export function encodeStruct(fields: readonly GoField[], v: Record<string, Value>): string {
  const parts: string[] = []
  for (const [name, type, tag] of fields) {
    const value = v[name]
    if (tag === 'omitzero-true') {
      if (value === undefined || value === true) continue
    } else if (tag !== 'always' && isEmpty(type, value)) continue
    parts.push(`${goString(name)}:${encodeGo(type, value)}`)
  }
  return `{${parts.join(',')}}`
}
