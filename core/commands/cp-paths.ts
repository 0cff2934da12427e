/**
 * `cp` arguments, pure: `SERVICE:PATH` or a local path (docker/cli splitCpArg: an absolute path
 * or one starting with `.` is local even with a `:` in it), the direction, and where a copy lands
 * (docker's CopyInfoDestinationPath rules: into an existing directory under the source's base
 * name, over an existing file, or as a new entry named after the destination).
 */
import { ComposeError } from '../errors.ts'

export type CopyEnd = { kind: 'service'; service: string; path: string } | { kind: 'local'; path: string }

export function parseCopyEnd(arg: string): CopyEnd {
  if (arg === '-' || arg.startsWith('/') || arg.startsWith('.')) return { kind: 'local', path: arg }
  const colon = arg.indexOf(':')
  if (colon <= 0) return { kind: 'local', path: arg }
  return { kind: 'service', service: arg.slice(0, colon), path: arg.slice(colon + 1) }
}

export interface CopyPlan {
  direction: 'from' | 'to'
  service: string
  containerPath: string
  localPath: string
}

export function parseCopyArgs(source: string, destination: string): CopyPlan {
  const src = parseCopyEnd(source)
  const dst = parseCopyEnd(destination)
  if (src.kind === 'service' && dst.kind === 'service') throw new ComposeError('COPY_INVALID_PATH', 'copying between services is not supported')
  if (src.kind === 'local' && dst.kind === 'local') throw new ComposeError('COPY_INVALID_PATH', 'must specify at least one container source', { hint: 'name a service: SERVICE:PATH' })
  const remote = (src.kind === 'service' ? src : dst) as Extract<CopyEnd, { kind: 'service' }>
  if (remote.path === '') throw new ComposeError('COPY_INVALID_PATH', `"${remote.service}:" names no path in the container`)
  return { direction: src.kind === 'service' ? 'from' : 'to', service: remote.service, containerPath: remote.path, localPath: (src.kind === 'local' ? src : dst).path }
}

/** `/a/b/` → `b`; `/` → `/`. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return '/'
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

/** `/a/b` → `/a`; `b` → `.`. */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  const slash = trimmed.lastIndexOf('/')
  if (slash < 0) return '.'
  return slash === 0 ? '/' : trimmed.slice(0, slash)
}

/** `dir/.`: the directory's content, not the directory. */
export function contentsOnly(path: string): boolean {
  return path === '.' || path.endsWith('/.')
}

export interface DestinationFacts {
  /** What the destination is now. */
  exists: boolean
  isDir: boolean
}

export interface Landing {
  /** Directory to extract into. */
  dir: string
  /** Name the source's top level takes there; undefined: the source's content goes straight in. */
  name: string | undefined
}

/** Where a copy of `source` (a directory or not) lands given the destination's state. */
export function landing(source: string, sourceIsDir: boolean, destination: string, facts: DestinationFacts): Landing {
  if (facts.exists && facts.isDir) {
    if (sourceIsDir && contentsOnly(source)) return { dir: destination, name: undefined }
    return { dir: destination, name: baseName(source) }
  }
  if (facts.exists) {
    if (sourceIsDir) throw new ComposeError('COPY_INVALID_PATH', `cannot copy a directory to a file: ${destination}`)
    return { dir: dirName(destination), name: baseName(destination) }
  }
  if (destination.endsWith('/') && !sourceIsDir) throw new ComposeError('COPY_INVALID_PATH', `destination directory does not exist: ${destination}`)
  return { dir: dirName(destination), name: baseName(destination) }
}

/** Go `os.FileMode` bits in the engine's path stat. */
export function isDirMode(mode: number): boolean {
  return Math.floor(mode / 2 ** 31) % 2 === 1
}

export function isSymlinkMode(mode: number): boolean {
  return Math.floor(mode / 2 ** 27) % 2 === 1
}

/** An archive entry name without its top component (`top/a/b` → `a/b`, `top` → ``). */
export function stripTop(name: string): string {
  const clean = name.replace(/\/+$/, '')
  if (clean === '.' || clean === '') return ''
  if (clean.startsWith('./')) return clean.slice(2)
  const slash = clean.indexOf('/')
  return slash < 0 ? '' : clean.slice(slash + 1)
}

/** Rejects names that would leave the destination (`..`, absolute). */
export function safeRelative(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.includes('..')) throw new ComposeError('COPY_INVALID_PATH', `refusing archive entry outside the destination: ${name}`)
  return parts.join('/')
}
