/**
 * Relative paths made absolute against the project directory, `~` expanded to the home
 * directory (compose-go `paths/resolve.go`): build contexts, env/label files, bind mounts,
 * secret/config files, extends files, watch paths, local volume `device` binds.
 */
import { isAbsolute, join, posix } from 'node:path'
import { applyRules, compileRules, isDict, shareUntouched, type Dict, type Rule } from './_tree.ts'

export interface PathContext {
  workingDir: string
  home: string
}

export function expandUser(p: string, home: string): string {
  if (p.startsWith('~') && home !== '') return joinClean(home, p.slice(1))
  return p
}

/** `filepath.Join` as Go has it: the result is cleaned, so `backend/` loses its trailing slash. */
export function joinClean(dir: string, p: string): string {
  const joined = join(dir, p)
  return joined.length > 1 ? joined.replace(/(?<=.)[\\/]+$/, '') : joined
}

const REMOTE_CONTEXT = ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@']

export function resolvePaths(model: Dict, ctx: PathContext): Dict {
  const abs = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(abs)
    if (typeof value !== 'string') return value
    const p = expandUser(value, ctx.home)
    if (p === '' || isAbsolute(p)) return p
    return joinClean(ctx.workingDir, p)
  }
  const maybeUnix = (value: unknown): unknown => {
    if (typeof value !== 'string') return value
    const p = expandUser(value, ctx.home)
    if (posix.isAbsolute(p) || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\')) return p
    return joinClean(ctx.workingDir, p)
  }
  const context: Rule = (value) => {
    if (typeof value !== 'string') return value
    if (value.includes('://') || value.startsWith('service:')) return value
    if (REMOTE_CONTEXT.some((prefix) => value.startsWith(prefix))) return value
    return abs(value)
  }
  const table: Record<string, Rule> = {
    'services.*.build.context': context,
    'services.*.build.additional_contexts.*': context,
    'services.*.build.ssh.*': maybeUnix,
    'services.*.env_file.*.path': abs,
    'services.*.label_file.*': abs,
    'services.*.extends.file': abs,
    'services.*.develop.watch.*.path': abs,
    'services.*.volumes.*': (value) => {
      if (!isDict(value) || value['type'] !== 'bind' || typeof value['source'] !== 'string') return value
      return { ...value, source: maybeUnix(value['source']) }
    },
    'configs.*.file': maybeUnix,
    'secrets.*.file': maybeUnix,
    'volumes.*': (value) => {
      if (!isDict(value) || value['driver'] !== 'local' || !isDict(value['driver_opts'])) return value
      const opts = value['driver_opts']
      if (opts['o'] !== 'bind' || !('device' in opts)) return value
      return { ...value, driver_opts: { ...opts, device: maybeUnix(opts['device']) } }
    },
  }
  // runs after canonicalization, on the tree it made
  return applyRules(model, shareUntouched(compileRules(table))) as Dict
}
