/**
 * Path confinement: a project the API may touch lives under one of the --root directories.
 * A reference is a project name or `dir:REL`; REL is checked as text first (no NUL, no
 * absolute path, no `.`/`..` segment, no backslash: 400) and then every path is realpath'd
 * (symlinks resolved) and must stay under a root (403). File access is injected.
 */
import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve, sep } from 'node:path'
import { ComposeError } from '../../core/errors.ts'

export interface PathFs {
  realpath(path: string): Promise<string>
  /** undefined when the path does not exist. */
  kind(path: string): Promise<'file' | 'directory' | 'other' | undefined>
}

/**
 * Synchronous calls behind the async interface: a request makes a handful of them on local
 * paths, each a few microseconds, where a trip through libuv's thread pool costs ~0.1 ms.
 */
export const nodePathFs: PathFs = {
  realpath: async (path) => realpathSync.native(path),
  async kind(path) {
    const s = statSync(path, { throwIfNoEntry: false })
    return s === undefined ? undefined : s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other'
  },
}

/** Project names as compose allows them. */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/

export type ParsedRef = { kind: 'name'; name: string } | { kind: 'dir'; rel: string }

const bad = (message: string): ComposeError =>
  new ComposeError('HTTP_BAD_REQUEST', message, { hint: 'a project is a name or dir:RELATIVE/PATH under a --root' })

/** Syntax checks of a reference, before the file system is asked anything. */
export function parseRef(raw: string): ParsedRef {
  if (raw.includes('\0')) throw bad('NUL byte in project reference')
  if (raw.startsWith('dir:')) {
    const rel = raw.slice(4)
    if (rel === '') throw bad('empty directory in project reference')
    if (isAbsolute(rel) || rel.startsWith('/')) throw bad('the directory must be relative to a --root')
    if (rel.includes('\\')) throw bad('backslash in project reference')
    const segments = rel.split('/')
    if (segments.some((s) => s === '..' || s === '.')) throw bad('"." and ".." are not allowed in a project directory')
    if (segments.some((s) => s === '')) throw bad('empty path segment in project reference')
    return { kind: 'dir', rel }
  }
  if (!PROJECT_NAME.test(raw)) throw bad(`invalid project name "${raw.slice(0, 100)}"`)
  return { kind: 'name', name: raw }
}

/** Whether `path` is `root` or below it (both already real paths). */
export function isUnder(root: string, path: string): boolean {
  if (path === root) return true
  return path.startsWith(root.endsWith(sep) ? root : root + sep)
}

/** The real path of `candidate` and the root it lives under; 403 when it escapes them all. */
export async function confine(roots: readonly string[], candidate: string, fs: PathFs = nodePathFs): Promise<{ root: string; path: string }> {
  if (candidate.includes('\0')) throw bad('NUL byte in path')
  let real: string
  try {
    real = await fs.realpath(candidate)
  } catch {
    throw new ComposeError('HTTP_NOT_FOUND', 'no such file or directory under the declared roots')
  }
  const root = roots.find((r) => isUnder(r, real))
  if (root === undefined) {
    throw new ComposeError('HTTP_FORBIDDEN', 'the path leaves the declared roots', { hint: 'serve with --root DIR for the directory that holds the project' })
  }
  return { root, path: real }
}

/** Real paths of the --root directories; each must exist and be a directory. */
export async function prepareRoots(dirs: readonly string[], cwd: string, fs: PathFs = nodePathFs): Promise<string[]> {
  const out: string[] = []
  for (const dir of dirs) {
    if (dir.includes('\0')) throw new ComposeError('CLI_USAGE', 'NUL byte in --root')
    const abs = resolve(cwd, dir)
    if ((await fs.kind(abs)) !== 'directory') throw new ComposeError('CLI_USAGE', `--root ${dir}: not a directory`)
    const real = await fs.realpath(abs)
    if (real === sep) throw new ComposeError('CLI_USAGE', '--root / would expose the whole file system', { hint: 'name the directories that hold your projects' })
    if (!out.includes(real)) out.push(real)
  }
  return out
}

/** Compose's default files, in the order it looks for them; an override file comes second. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const
const OVERRIDE_FILES: Record<string, string> = {
  'compose.yaml': 'compose.override.yaml',
  'compose.yml': 'compose.override.yml',
  'docker-compose.yaml': 'docker-compose.override.yaml',
  'docker-compose.yml': 'docker-compose.override.yml',
}

/** The compose files of a confined directory (real paths, each confined too). */
export async function defaultFiles(roots: readonly string[], dir: string, fs: PathFs = nodePathFs): Promise<string[]> {
  for (const name of DEFAULT_FILES) {
    const candidate = join(dir, name)
    if ((await fs.kind(candidate)) !== 'file') continue
    const files = [(await confine(roots, candidate, fs)).path]
    const override = join(dir, OVERRIDE_FILES[name] ?? '')
    if ((await fs.kind(override)) === 'file') files.push((await confine(roots, override, fs)).path)
    return files
  }
  throw new ComposeError('HTTP_NOT_FOUND', 'no compose file (compose.yaml, docker-compose.yml, ...) in the project directory')
}
