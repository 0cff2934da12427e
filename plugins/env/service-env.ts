/**
 * `load:merged` of compose:env: each service's container environment
 * (compose-spec/compose-go:types/project.go WithServicesEnvironmentResolved, loader/environment.go).
 * `env_file` entries (a string, a list, or `{path, required, format}`) are read in order, later
 * files winning; `environment` (list or map) overrides them; a bare `KEY` takes its value from
 * the project environment and stays valueless (null) when it is not set there. Values inside env
 * files are interpolated from the project environment, then the service `environment`, then the
 * values read so far. For an included project only bare list entries are resolved (its own
 * environment applies to them), the rest happens once for the whole project.
 */
import { isAbsolute, join } from 'node:path'
import { DotenvError, type EnvFormatParser, type LoadMergedDraft, type ModelPath, parseEnvFile } from '../../core/index.ts'

export interface ServiceEnvOptions {
  formats: Readonly<Record<string, EnvFormatParser>>
  /** Drop `env_file` and `label_file` once read (docker compose does). */
  discardEnvFiles: boolean
}

type EnvMap = Record<string, string | null>

export async function resolveServiceEnvironments(draft: LoadMergedDraft, options: ServiceEnvOptions): Promise<void> {
  const services = draft.model['services']
  if (!isMapping(services)) return
  const out: Record<string, unknown> = {}
  for (const [name, service] of Object.entries(services)) {
    if (!isMapping(service)) {
      out[name] = service
      continue
    }
    out[name] = draft.scope === 'include' ? resolveBareListEntries(service, draft.env) : await resolveService(name, service, draft, options)
  }
  draft.model = { ...draft.model, services: out }
}

function resolveBareListEntries(service: Record<string, unknown>, env: Readonly<Record<string, string>>): Record<string, unknown> {
  const list = service['environment']
  if (!Array.isArray(list)) return service
  return { ...service, environment: list.map((e) => (typeof e === 'string' && !e.includes('=') && Object.hasOwn(env, e) ? `${e}=${env[e]}` : e)) }
}

async function resolveService(name: string, service: Record<string, unknown>, draft: LoadMergedDraft, options: ServiceEnvOptions): Promise<Record<string, unknown>> {
  const own = toEnvMap(service['environment'], name, draft)
  for (const [key, value] of Object.entries(own)) if (value === null && Object.hasOwn(draft.env, key)) own[key] = draft.env[key] ?? null
  const acc: Record<string, string> = {}
  for (const [key, value] of Object.entries(own)) if (value !== null) acc[key] = value
  const lookup = (key: string): string | undefined => (Object.hasOwn(draft.env, key) ? draft.env[key] : typeof own[key] === 'string' ? own[key] : undefined)
  for (const entry of envFileEntries(service['env_file'], name)) {
    const path = isAbsolute(entry.path) ? entry.path : join(draft.workingDir, entry.path)
    const stat = await draft.fs.stat(path)
    if (stat?.isFile !== true) {
      if (entry.required) draft.report('LOAD_ENV_FILE', `env file ${path} not found`, { path: entry.at, hint: 'create it, or mark it `required: false`' })
      continue
    }
    const content = new TextDecoder().decode(await draft.fs.readFile(path))
    try {
      parseEnvFile(content, { format: entry.format, formats: options.formats, lookup, into: acc })
    } catch (error) {
      if (!(error instanceof DotenvError)) throw error
      draft.report('LOAD_ENV_FILE', `failed to read ${path}: ${error.message}`, error.line > 0 ? { file: path, line: error.line } : { path: entry.at })
    }
  }
  const environment: EnvMap = { ...acc, ...own }
  const out: Record<string, unknown> = { ...service }
  if (Object.keys(environment).length > 0 || 'environment' in service) out['environment'] = environment
  if (options.discardEnvFiles) delete out['env_file']
  return out
}

/** `environment` as a map; list entries `K=V` or bare `K` (null). */
export function toEnvMap(value: unknown, service: string, draft?: LoadMergedDraft): EnvMap {
  const out: EnvMap = {}
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const s = typeof item === 'string' ? item : String(item)
      const eq = s.indexOf('=')
      const key = eq === -1 ? s : s.slice(0, eq)
      if (key !== '' && /\s$/.test(key)) {
        draft?.report('CONFIG_INVALID', `environment variable ${key} is declared with a trailing space`, { path: ['services', service, 'environment', i] })
      }
      out[key] = eq === -1 ? null : s.slice(eq + 1)
    })
  } else if (isMapping(value)) {
    for (const [key, v] of Object.entries(value)) out[key] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v)
  }
  return out
}

interface EnvFileEntry {
  path: string
  required: boolean
  format: string
  at: ModelPath
}

function envFileEntries(value: unknown, service: string): EnvFileEntry[] {
  const base: ModelPath = ['services', service, 'env_file']
  const one = (v: unknown, at: ModelPath): EnvFileEntry | undefined => {
    if (typeof v === 'string') return { path: v, required: true, format: '', at }
    if (!isMapping(v) || typeof v['path'] !== 'string') return undefined
    return { path: v['path'], required: v['required'] !== false, format: typeof v['format'] === 'string' ? v['format'] : '', at }
  }
  const list = Array.isArray(value) ? value.map((v, i) => one(v, [...base, i])) : [one(value, base)]
  return list.filter((e): e is EnvFileEntry => e !== undefined)
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
