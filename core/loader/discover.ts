/**
 * Which files make the project, where it lives and what it is called
 * (compose-spec/compose-go:cli/options.go, loader/loader.go; docker/compose toProjectOptions):
 * `-f` (repeatable, `-` for stdin), else COMPOSE_FILE split on COMPOSE_PATH_SEPARATOR, else
 * compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml searched from the working
 * directory up through its parents, plus the first matching override file next to it.
 */
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path'
import { ComposeError } from '../errors.ts'
import type { LoaderFs } from './drafts.ts'

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const
export const OVERRIDE_FILE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const
export const STDIN = '-'

export interface DiscoverOptions {
  cwd: string
  /** `-f` values (relative to `cwd`; `-` is stdin). Disables COMPOSE_FILE and the search. */
  files?: readonly string[]
  projectDirectory?: string
  /** The project environment so far (COMPOSE_FILE, COMPOSE_PATH_SEPARATOR). */
  env: Readonly<Record<string, string>>
  fs: LoaderFs
}

export interface Discovered {
  /** Absolute paths, or `-`. */
  files: string[]
  /** Where the files came from, for messages. */
  origin: 'flag' | 'COMPOSE_FILE' | 'search'
  warnings: string[]
}

export async function discoverFiles(options: DiscoverOptions): Promise<Discovered> {
  const abs = (p: string): string => (p === STDIN ? p : resolve(options.cwd, p))
  if (options.files !== undefined && options.files.length > 0) {
    const files = options.files.map(abs)
    await mustExist(files, options.fs, '-f')
    return { files, origin: 'flag', warnings: [] }
  }
  const fromEnv = options.env['COMPOSE_FILE']
  if (fromEnv !== undefined && fromEnv !== '') {
    const sep = options.env['COMPOSE_PATH_SEPARATOR'] || delimiter
    const files = fromEnv.split(sep).filter((f) => f !== '').map(abs)
    await mustExist(files, options.fs, 'COMPOSE_FILE')
    return { files, origin: 'COMPOSE_FILE', warnings: [] }
  }
  const start = options.projectDirectory === undefined ? options.cwd : resolve(options.cwd, options.projectDirectory)
  const warnings: string[] = []
  for (let dir = start; ; dir = dirname(dir)) {
    // the override names are asked with the others: one round of stats per directory
    const [found, overrides] = await Promise.all([existing(COMPOSE_FILE_NAMES, dir, options.fs), existing(OVERRIDE_FILE_NAMES, dir, options.fs)])
    const [winner] = found
    if (winner !== undefined) {
      if (found.length > 1) warnings.push(`Found multiple config files with supported names: ${found.join(', ')}. Using ${winner}`)
      if (overrides.length > 1) warnings.push(`Found multiple override files with supported names: ${overrides.join(', ')}. Using ${overrides[0]}`)
      return { files: overrides[0] === undefined ? [winner] : [winner, overrides[0]], origin: 'search', warnings }
    }
    if (dirname(dir) === dir) break
  }
  throw new ComposeError('LOAD_NO_FILE', `no configuration file provided: not found (searched ${start} and its parents)`, {
    hint: `create ${COMPOSE_FILE_NAMES[0]} or pass one with -f`,
  })
}

/** Which of `names` are files in `dir`, in the order of `names` (asked all at once). */
async function existing(names: readonly string[], dir: string, fs: LoaderFs): Promise<string[]> {
  const paths = names.map((name) => join(dir, name))
  const stats = await Promise.all(paths.map((path) => fs.stat(path)))
  return paths.filter((_, i) => stats[i]?.isFile === true)
}

async function mustExist(files: readonly string[], fs: LoaderFs, origin: string): Promise<void> {
  const stats = await Promise.all(files.map((file) => (file === STDIN ? undefined : fs.stat(file))))
  for (const [i, file] of files.entries()) {
    if (file === STDIN) continue
    const stat = stats[i]
    if (stat === undefined) throw new ComposeError('LOAD_FILE_NOT_FOUND', `${file}: no such file or directory`, { hint: `check the path given with ${origin}` })
    if (stat.isDirectory) throw new ComposeError('LOAD_FILE_NOT_FOUND', `${file} is a directory, not a compose file`, { hint: `give the file itself with ${origin}` })
  }
}

/** `--project-directory`, else the directory of the first file (not stdin), else cwd. */
export function projectDirectoryOf(cwd: string, files: readonly string[], projectDirectory?: string): string {
  if (projectDirectory !== undefined && projectDirectory !== '') return resolve(cwd, projectDirectory)
  const first = files.find((f) => f !== STDIN)
  return first === undefined ? cwd : dirname(isAbsolute(first) ? first : resolve(cwd, first))
}

/** compose-go NormalizeProjectName: lower case, only `[a-z0-9_-]`, no leading `_` or `-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '')
}

export function invalidProjectName(name: string): ComposeError {
  return new ComposeError(
    'LOAD_PROJECT_NAME',
    `invalid project name ${JSON.stringify(name)}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
    { hint: `for example ${JSON.stringify(normalizeProjectName(name) || 'myproject')}` },
  )
}

export interface ProjectNameInputs {
  /** `-p`: validated, never normalized. */
  flag?: string
  /** COMPOSE_PROJECT_NAME from the project environment (`.env` included): validated. */
  env?: string
  /** The last non-empty top-level `name:` of the files, already interpolated. */
  fromFiles?: string
  /** Whether some file declares a top-level `name:` at all (before interpolation). */
  namedInFiles: boolean
  workingDir: string
}

/** The project name by docker compose's precedence. Throws LOAD_PROJECT_NAME. */
export function resolveProjectName(inputs: ProjectNameInputs): string {
  for (const explicit of [inputs.flag, inputs.env]) {
    if (explicit === undefined || explicit === '') continue
    if (normalizeProjectName(explicit) !== explicit) throw invalidProjectName(explicit)
    return explicit
  }
  const fromFiles = normalizeProjectName(inputs.fromFiles ?? '')
  if (fromFiles !== '') return fromFiles
  const name = inputs.namedInFiles ? '' : normalizeProjectName(basename(inputs.workingDir))
  if (name === '') {
    throw new ComposeError('LOAD_PROJECT_NAME', 'project name must not be empty', {
      hint: 'set a top-level `name:`, pass -p NAME or set COMPOSE_PROJECT_NAME',
    })
  }
  return name
}
