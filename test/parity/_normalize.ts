/**
 * Bring docker-compose v1.29.2's `config` (YAML) and ours (`config --format json`) to one shape,
 * so that only real differences remain. Each rule removes a *representation* difference, never a
 * semantic one:
 * - v1 prints `version:`, short volume strings (`src:dst:rw`), short secrets (`- source: x`),
 *   commands as one string, `expose` as numbers and ports with numeric `published`;
 * - v2 (and we) print the project `name`, prefixed resource names (`proj_net`), the implicit
 *   `default` network, `ipam: {}`, `volume: {}`, `bind: {}`, `dockerfile: Dockerfile`,
 *   `required: true` on depends_on, `/run/secrets/<name>` targets and null command/entrypoint.
 * Both sides are then reduced to the same long syntax with the defaults left out.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type Model = { [key: string]: Json }

const isMap = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v)
const RESOURCES = ['networks', 'volumes', 'secrets', 'configs'] as const

/** POSIX-shell-like split (what compose-go does to a string `command`, and v1's docker-py too). */
export function shellSplit(s: string): string[] {
  const out: string[] = []
  let cur = ''
  let has = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string
    if (quote !== undefined) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i]
      else cur += c
    } else if (c === '"' || c === "'") {
      quote = c
      has = true
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i]
      has = true
    } else if (/\s/.test(c)) {
      if (has || cur !== '') out.push(cur)
      cur = ''
      has = false
    } else cur += c
  }
  if (has || cur !== '') out.push(cur)
  return out
}

function port(entry: Json): Json {
  if (!isMap(entry)) return entry
  const out: { [key: string]: Json } = { target: Number(entry['target']) }
  if (entry['published'] !== undefined && entry['published'] !== null && entry['published'] !== '') out['published'] = String(entry['published'])
  if (entry['host_ip'] !== undefined) out['host_ip'] = entry['host_ip'] as Json
  out['protocol'] = (entry['protocol'] as Json | undefined) ?? 'tcp'
  if (entry['mode'] !== undefined && entry['mode'] !== 'ingress') out['mode'] = entry['mode'] as Json
  if (entry['name'] !== undefined) out['name'] = entry['name'] as Json
  return out
}

/** v1's `SRC:DST[:MODE]` / `DST` volume strings, as the long syntax. */
function v1Volume(entry: Json): Json {
  if (typeof entry !== 'string') return entry
  const parts = entry.split(':')
  if (parts.length === 1) return { type: 'volume', target: entry }
  const [source = '', target = '', mode = 'rw'] = parts
  const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~')
  const out: { [key: string]: Json } = { type: bind ? 'bind' : 'volume', source, target }
  const flags = mode.split(',')
  if (flags.includes('ro')) out['read_only'] = true
  return out
}

function longVolume(entry: Json): Json {
  if (!isMap(entry)) return entry
  const out: { [key: string]: Json } = { ...entry }
  if (out['read_only'] === false) delete out['read_only']
  for (const key of ['volume', 'bind', 'tmpfs'] as const) {
    const sub = out[key]
    if (!isMap(sub)) continue
    const rest = { ...sub }
    if (key === 'bind' && rest['create_host_path'] === true) delete rest['create_host_path']
    if (Object.keys(rest).length === 0) delete out[key]
    else out[key] = rest
  }
  return out
}

function fileRef(entry: Json, kind: 'secrets' | 'configs'): Json {
  const out: { [key: string]: Json } = typeof entry === 'string' ? { source: entry } : isMap(entry) ? { ...entry } : { source: String(entry) }
  const source = out['source']
  if (out['target'] === (kind === 'secrets' ? `/run/secrets/${String(source)}` : `/${String(source)}`)) delete out['target']
  return out
}

const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 }

/** `1.5G` → `"1610612736"`: v1 prints byte sizes as written, v2 in bytes (go-units RAMInBytes). */
export function toBytes(v: Json | undefined): Json | undefined {
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string') return v
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b?)$/i.exec(v.trim())
  if (m === null) return v
  return String(Math.floor(Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase() || 'b'] ?? 1)))
}

function bytesAt(obj: Json | undefined, keys: readonly string[]): void {
  if (!isMap(obj)) return
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) obj[k] = toBytes(obj[k]) as Json
}

function deploy(d: Json): Json {
  if (!isMap(d)) return d
  const out: { [key: string]: Json } = structuredClone(d)
  const resources = out['resources']
  if (isMap(resources)) for (const kind of ['limits', 'reservations']) bytesAt(resources[kind], ['memory'])
  // Go's encoding/json does not omit an empty struct: v2's JSON prints `placement: {}`
  if (isMap(out['placement']) && Object.keys(out['placement']).length === 0) delete out['placement']
  return out
}

function service(svc: Json): Json {
  if (!isMap(svc)) return svc
  const out: { [key: string]: Json } = { ...svc }
  bytesAt(out, ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size'])
  if (out['deploy'] !== undefined) out['deploy'] = deploy(out['deploy'])
  const env = out['environment']
  // v1 keeps the YAML scalar's type (`PORT: 8000`); the engine, v2 and we take strings
  if (isMap(env)) out['environment'] = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? null : String(v)]))
  for (const key of ['command', 'entrypoint'] as const) {
    const v = out[key]
    if (v === null) delete out[key]
    else if (typeof v === 'string') out[key] = shellSplit(v)
  }
  const build = out['build']
  if (typeof build === 'string') out['build'] = { context: build }
  else if (isMap(build)) {
    const b = { ...build }
    if (b['dockerfile'] === 'Dockerfile') delete b['dockerfile']
    out['build'] = b
  }
  if (Array.isArray(out['ports'])) out['ports'] = out['ports'].map(port)
  if (Array.isArray(out['expose'])) out['expose'] = out['expose'].map((e) => String(e))
  if (Array.isArray(out['volumes'])) out['volumes'] = out['volumes'].map((v) => longVolume(v1Volume(v)))
  for (const kind of ['secrets', 'configs'] as const) {
    const list = out[kind]
    if (Array.isArray(list)) out[kind] = list.map((e) => fileRef(e, kind))
  }
  const deps = out['depends_on']
  if (Array.isArray(deps)) out['depends_on'] = Object.fromEntries(deps.map((d) => [String(d), { condition: 'service_started' }]))
  else if (isMap(deps)) {
    out['depends_on'] = Object.fromEntries(Object.entries(deps).map(([k, d]) => {
      const dep: { [key: string]: Json } = isMap(d) ? { ...d } : {}
      if (dep['required'] === true) delete dep['required']
      if (dep['restart'] === false) delete dep['restart']
      return [k, dep]
    }))
  }
  if (Array.isArray(out['networks'])) out['networks'] = Object.fromEntries(out['networks'].map((n) => [String(n), null]))
  return out
}

function resources(model: Model, project: string): void {
  for (const kind of RESOURCES) {
    const all = model[kind]
    if (!isMap(all)) continue
    for (const [key, def] of Object.entries(all)) {
      const d: { [key: string]: Json } = isMap(def) ? { ...def } : {}
      if (d['name'] === `${project}_${key}` && d['external'] !== true) delete d['name']
      if (isMap(d['ipam']) && Object.keys(d['ipam']).length === 0) delete d['ipam']
      all[key] = d
    }
  }
  const networks = model['networks']
  if (isMap(networks) && isMap(networks['default']) && Object.keys(networks['default']).length === 0) {
    delete networks['default']
    for (const svc of Object.values(isMap(model['services']) ? model['services'] : {})) {
      const nets = isMap(svc) ? svc['networks'] : undefined
      if (isMap(svc) && isMap(nets) && nets['default'] === null) {
        delete nets['default']
        if (Object.keys(nets).length === 0) delete svc['networks']
      }
    }
  }
  for (const kind of RESOURCES) if (isMap(model[kind]) && Object.keys(model[kind]).length === 0) delete model[kind]
}

/** Normalizes either side; `project` is the project name both tools derived. */
export function normalizeConfig(input: Model, project: string): Model {
  const model: Model = structuredClone(input)
  delete model['version']
  delete model['name']
  const services = model['services']
  if (isMap(services)) for (const [name, svc] of Object.entries(services)) services[name] = service(svc)
  resources(model, project)
  return model
}

export interface Difference {
  /** Dotted path, e.g. `services.db.command` (list items as `[i]`). */
  path: string
  v1: Json | undefined
  ours: Json | undefined
}

/** Structural diff: one entry per leaf (or subtree) that differs. */
export function diffConfigs(v1: Json | undefined, ours: Json | undefined, path = ''): Difference[] {
  if (isMap(v1) && isMap(ours)) {
    const keys = [...new Set([...Object.keys(v1), ...Object.keys(ours)])].sort()
    return keys.flatMap((k) => diffConfigs(v1[k], ours[k], path === '' ? k : `${path}.${k}`))
  }
  if (Array.isArray(v1) && Array.isArray(ours) && v1.length === ours.length) {
    return v1.flatMap((item, i) => diffConfigs(item, ours[i], `${path}[${i}]`))
  }
  if (JSON.stringify(v1) === JSON.stringify(ours)) return []
  return [{ path, v1, ours }]
}
