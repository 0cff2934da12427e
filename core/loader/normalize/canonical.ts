/**
 * Canonical form of a model (compose-go `transform/canonical.go`): short syntaxes become long
 * ones at the dict level (ports, volumes, depends_on, secrets, build, networks lists, ...).
 * With `lenient`, values that cannot be parsed (a `${VAR}` left by `--no-interpolate`) are kept.
 */
import { ComposeError } from '../../errors.ts'
import { parsePortSpec } from './ports.ts'
import { applyRules, compileRules, descend, isDict, type Dict, type Rule } from './_tree.ts'
import { parseVolumeSpec } from './volumes.ts'

function fail(path: readonly string[], message: string): never {
  throw new ComposeError('SCHEMA_INVALID', `${path.join('.')}: ${message}`)
}

function dropUndefined(obj: Dict): Dict {
  const out: Dict = {}
  for (const key in obj) if (Object.hasOwn(obj, key) && obj[key] !== undefined) out[key] = obj[key]
  return out
}

export function createCanonicalRules(lenient: boolean): [string[], Rule][] {
  const rules: [string[], Rule][] = []
  const recurse: Rule = (value, path) => descend(value, rules, [...path])
  const stringOrList: Rule = (v) => (typeof v === 'string' ? [v] : v)
  const sliceToMap: Rule = (v) => (Array.isArray(v) ? Object.fromEntries(v.map((k) => [String(k), null])) : v)
  const fileMount: Rule = (v) => (typeof v === 'string' ? { source: v } : v)
  const stringOrX: Rule = (v) => (typeof v === 'string' ? v : String(v))

  const table: Record<string, Rule> = {
    'services.*': recurse,
    'services.*.build': (v, path) => {
      if (typeof v === 'string') return { context: v }
      if (isDict(v)) return recurse(v, path)
      return fail(path, `invalid type ${typeof v} for build`)
    },
    'services.*.build.secrets.*': fileMount,
    'services.*.build.provenance': stringOrX,
    'services.*.build.sbom': stringOrX,
    'services.*.build.additional_contexts': (v, path) => {
      if (!Array.isArray(v)) return v
      const out: Dict = {}
      for (const e of v) {
        const s = String(e)
        const i = s.indexOf('=')
        if (i < 0) {
          if (lenient) return v
          fail(path, `invalid value ${s}, expected key=value`)
        }
        out[s.slice(0, i)] = s.slice(i + 1)
      }
      return out
    },
    'services.*.build.ssh': (v, path) => {
      if (!Array.isArray(v)) return v
      const out: Dict = {}
      for (const e of v) {
        const s = String(e)
        const i = s.indexOf('=')
        if (i < 0) {
          if (s !== 'default') fail(path, `invalid ssh key "${s}"`)
          out[s] = null
        } else out[s.slice(0, i)] = s.slice(i + 1)
      }
      return out
    },
    'services.*.depends_on': (v, path) => {
      if (Array.isArray(v)) {
        return Object.fromEntries(v.map((k) => [String(k), { condition: 'service_started', required: true }]))
      }
      if (!isDict(v)) return fail(path, `invalid type for depends_on`)
      const out: Dict = {}
      for (const [name, dep] of Object.entries(v)) {
        if (!isDict(dep)) fail([...path, name], 'unsupported value')
        out[name] = { ...dep, condition: dep['condition'] ?? 'service_started', required: dep['required'] ?? true }
      }
      return out
    },
    'services.*.env_file': (v, path) => {
      const entry = (e: unknown): unknown =>
        typeof e === 'string' ? { path: e, required: true } : isDict(e) ? { ...e, required: e['required'] ?? true } : e
      if (typeof v === 'string') return [entry(v)]
      if (Array.isArray(v)) return v.map(entry)
      return fail(path, 'invalid type for env_file')
    },
    'services.*.label_file': stringOrList,
    'services.*.extends': (v, path) => (typeof v === 'string' ? { service: v } : recurse(v, path)),
    'services.*.gpus': (v, path) => (typeof v === 'string' ? [{ count: 'all' }] : recurse(v, path)),
    'services.*.networks': sliceToMap,
    'services.*.models': sliceToMap,
    'services.*.volumes.*': (v, path) => {
      if (typeof v !== 'string') return v
      try {
        const volume = parseVolumeSpec(v)
        if (volume.target !== '') volume.target = cleanPath(volume.target)
        return dropUndefined({ ...volume })
      } catch (error) {
        if (lenient) return v
        return fail(path, (error as Error).message)
      }
    },
    // compose-go OmitEmpty: `dns: ${UNSET}` leaves no empty entry behind
    'services.*.dns': (v) => {
      const items = typeof v === 'string' ? [v] : v
      return Array.isArray(items) ? items.filter((e) => e !== '' && e !== null) : items
    },
    'services.*.devices.*': (v, path) => {
      if (typeof v !== 'string') return v
      const parts = v.split(':')
      if (parts.length > 3) {
        if (lenient) return v
        fail(path, `confusing device mapping, please use long syntax: ${v}`)
      }
      const [source = '', target = '', permissions = 'rwm'] = parts
      return { source, target: target === '' ? source : target, permissions }
    },
    'services.*.secrets.*': fileMount,
    'services.*.configs.*': fileMount,
    'services.*.ports': (v, path) => {
      if (!Array.isArray(v)) return fail(path, 'invalid type for ports')
      const out: unknown[] = []
      for (const entry of v) {
        if (isDict(entry)) out.push(entry)
        else if (typeof entry === 'number' || typeof entry === 'string') {
          try {
            out.push(...parsePortSpec(String(entry)).map((p) => ({ ...p })))
          } catch (error) {
            if (lenient && typeof entry === 'string') return v
            fail(path, (error as Error).message)
          }
        } else fail(path, 'invalid type for port')
      }
      return out
    },
    'services.*.develop.watch.*.ignore': stringOrList,
    'services.*.develop.watch.*.include': stringOrList,
    'volumes.*': maybeExternal,
    'networks.*': maybeExternal,
    'secrets.*': maybeExternal,
    'configs.*': maybeExternal,
    'include.*': (v) => (typeof v === 'string' ? { path: v } : v),
  }
  rules.push(...compileRules(table))
  return rules
}

function maybeExternal(value: unknown, path: readonly string[]): unknown {
  if (!isDict(value)) return value
  const resource: Dict = { ...value }
  const ext = resource['external']
  if (isDict(ext)) {
    resource['external'] = true
    if ('name' in ext) {
      if ('name' in resource && ext['name'] !== resource['name']) {
        fail(path, 'name and external.name conflict; only use name')
      }
      resource['name'] = ext['name']
    }
  }
  return resource
}

/** Go's `path.Clean` for container paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.'
  const rooted = p.startsWith('/')
  const out: string[] = []
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
    } else out.push(seg)
  }
  const joined = out.join('/')
  if (rooted) return `/${joined}`
  return joined === '' ? '.' : joined
}

export function canonicalize(model: Dict, lenient = false): Dict {
  return applyRules(model, createCanonicalRules(lenient)) as Dict
}
