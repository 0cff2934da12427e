/**
 * Relative paths of a model loaded from another directory (an `extends.file`, an `include`) are
 * relative to that directory; before the model joins the project they are rewritten so that
 * they stay right (compose-spec/compose-go:paths/resolve.go, applied by loader/extends.go and
 * loader/include.go). Handles the short and long forms, since models are not canonical yet.
 */
import { isAbsolute, relative } from 'node:path'
import { joinClean } from './normalize/paths.ts'
import { isMapping } from './source-map.ts'
import { isHostPath, splitVolumeSpec } from './_volume-spec.ts'
import type { RawModel } from './types.ts'

export interface RebaseOptions {
  /** The directory the model's relative paths are relative to. */
  from: string
  /** The project directory: with `absolute: false` paths become relative to it. */
  projectDir: string
  /** Absolute paths (compose's resolvePaths), else relative to `projectDir`. */
  absolute: boolean
  /**
   * Give a `build` without `context` the default `.` of its folder. For a complete model (an
   * include) only: a base service's partial `build` still merges with its own base (extends).
   */
  defaultContext?: boolean
}

const REMOTE_CONTEXT = ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@']

export function isRelativePath(p: string): boolean {
  return p !== '' && !p.startsWith('~') && !isAbsolute(p) && !/^[a-zA-Z]:[\\/]/.test(p) && !p.startsWith('\\\\')
}

/** Returns a copy of `model` with its relative paths rebased. */
export function rebasePaths(model: RawModel, options: RebaseOptions): RawModel {
  const move = (p: unknown): unknown => {
    if (typeof p !== 'string' || !isRelativePath(p)) return p
    const abs = joinClean(options.from, p)
    return options.absolute ? abs : relative(options.projectDir, abs) || '.'
  }
  const moveContext = (p: unknown): unknown =>
    typeof p === 'string' && (p.includes('://') || p.startsWith('service:') || REMOTE_CONTEXT.some((r) => p.startsWith(r))) ? p : move(p)
  const moveAbs = (p: unknown): unknown => (typeof p === 'string' && isRelativePath(p) ? joinClean(options.from, p) : p)
  const out: RawModel = { ...model }
  const services = out['services']
  if (isMapping(services)) {
    const rebased: Record<string, unknown> = {}
    for (const [name, service] of Object.entries(services)) rebased[name] = isMapping(service) ? rebaseService(service, move, moveContext, moveAbs, options.defaultContext === true) : service
    out['services'] = rebased
  }
  for (const kind of ['configs', 'secrets'] as const) {
    const defs = out[kind]
    if (!isMapping(defs)) continue
    out[kind] = mapValues(defs, (def) => (isMapping(def) && 'file' in def ? { ...def, file: move(def['file']) } : def))
  }
  const volumes = out['volumes']
  if (isMapping(volumes)) {
    out['volumes'] = mapValues(volumes, (def) => {
      if (!isMapping(def) || def['driver'] !== 'local' || !isMapping(def['driver_opts'])) return def
      const opts = def['driver_opts']
      return opts['o'] === 'bind' && 'device' in opts ? { ...def, driver_opts: { ...opts, device: move(opts['device']) } } : def
    })
  }
  return out
}

type Move = (p: unknown) => unknown

/** `extends.file` is always made absolute: the loader reads it, it never reaches the output. */
function rebaseService(service: Record<string, unknown>, move: Move, moveContext: Move, moveAbs: Move, defaultContext: boolean): Record<string, unknown> {
  const out = { ...service }
  const build = out['build']
  if (typeof build === 'string') out['build'] = moveContext(build)
  else if (isMapping(build)) {
    const b = { ...build }
    if ('context' in b) b['context'] = moveContext(b['context'])
    else if (defaultContext) b['context'] = moveContext('.')
    const extra = b['additional_contexts']
    if (isMapping(extra)) b['additional_contexts'] = mapValues(extra, moveContext)
    else if (Array.isArray(extra)) b['additional_contexts'] = extra.map((e) => mapKeyValue(e, moveContext))
    out['build'] = b
  }
  const envFile = out['env_file']
  if (envFile !== undefined) out['env_file'] = mapList(envFile, (e) => (isMapping(e) ? { ...e, path: move(e['path']) } : move(e)))
  const labelFile = out['label_file']
  if (labelFile !== undefined) out['label_file'] = mapList(labelFile, move)
  const ext = out['extends']
  if (isMapping(ext) && typeof ext['file'] === 'string') out['extends'] = { ...ext, file: moveAbs(ext['file']) }
  const volumes = out['volumes']
  if (Array.isArray(volumes)) out['volumes'] = volumes.map((v) => rebaseVolume(v, move))
  const develop = out['develop']
  if (isMapping(develop) && Array.isArray(develop['watch'])) {
    out['develop'] = { ...develop, watch: develop['watch'].map((w) => (isMapping(w) && 'path' in w ? { ...w, path: move(w['path']) } : w)) }
  }
  return out
}

function rebaseVolume(volume: unknown, move: Move): unknown {
  if (isMapping(volume)) return volume['type'] === 'bind' && 'source' in volume ? { ...volume, source: move(volume['source']) } : volume
  if (typeof volume !== 'string') return volume
  const parts = splitVolumeSpec(volume)
  if (parts === undefined || !isHostPath(parts.source) || !isRelativePath(parts.source)) return volume
  let source = String(move(parts.source))
  if (!source.startsWith('.') && !source.startsWith('/') && isRelativePath(source)) source = `./${source}`
  return source + volume.slice(parts.source.length)
}

function mapValues(map: Record<string, unknown>, fn: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(map)) out[k] = fn(v)
  return out
}

function mapList(value: unknown, fn: (v: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(fn) : fn(value)
}

function mapKeyValue(entry: unknown, fn: Move): unknown {
  if (typeof entry !== 'string') return entry
  const eq = entry.indexOf('=')
  return eq === -1 ? entry : `${entry.slice(0, eq + 1)}${String(fn(entry.slice(eq + 1)))}`
}
