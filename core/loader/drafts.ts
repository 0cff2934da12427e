/**
 * What the loader hands to plugins in its `load:*` hooks (see core/hooks.ts). Drafts are
 * mutable: sequential handlers change them in place, one after the other. Handlers report
 * problems through `report` (the loader collects them all and sorts them by file and line)
 * instead of throwing; a throw becomes a PLUGIN_ERROR naming the plugin.
 */
import type { ErrorCode } from '../errors.ts'
import type { ModelPath, RawModel, SourceMap } from './types.ts'

/** File access of the loader; injected so tests and other runtimes can supply their own. */
export interface LoaderFs {
  readFile(path: string): Promise<Uint8Array>
  /** `undefined` when nothing exists at `path`. */
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean } | undefined>
}

export interface ReportOptions {
  /** Model path the problem is about; the loader turns it into file:line:col. */
  path?: ModelPath
  /** A location in another file (e.g. a line of an env file). */
  file?: string
  line?: number
  hint?: string
}

/** Problem and warning sinks shared by every draft. */
export interface LoadReporter {
  report(code: ErrorCode, message: string, options?: ReportOptions): void
  warn(message: string, options?: ReportOptions): void
}

/** `load:files`: the compose files about to be read (absolute paths, `-` for stdin). */
export interface LoadFilesDraft {
  files: string[]
  readonly workingDir: string
  readonly env: Readonly<Record<string, string>>
}

/**
 * `load:environment`: builds the environment used for interpolation. `env` starts as the shell
 * environment (or, for an included project, the including project's environment); values already
 * set win, so handlers only add missing keys.
 */
export interface LoadEnvironmentDraft extends LoadReporter {
  readonly scope: 'project' | 'include'
  env: Record<string, string>
  /** Where the default `.env` lives (the project directory, or the included project's). */
  readonly workingDir: string
  /** Explicit env files (absolute): `--env-file`, COMPOSE_ENV_FILES, or an include's `env_file`. `undefined`: the default `.env`. */
  readonly envFiles: readonly string[] | undefined
  readonly fs: LoaderFs
}

/** `load:parsed`: one YAML document of one file, tags resolved, before interpolation. */
export interface LoadParsedDraft extends LoadReporter {
  readonly file: string
  model: RawModel
  readonly sources: SourceMap
}

/** `load:interpolate`: the same document, to be interpolated with `env`. */
export interface LoadInterpolateDraft extends LoadReporter {
  readonly file: string
  model: RawModel
  readonly env: Readonly<Record<string, string>>
  readonly sources: SourceMap
}

/**
 * `load:merged`: the merged model of a project (`scope: 'project'`, after profiles, before
 * normalization) or of an included project (`scope: 'include'`, before it is imported).
 */
export interface LoadMergedDraft extends LoadReporter {
  readonly scope: 'project' | 'include'
  model: RawModel
  readonly sources: SourceMap
  readonly env: Readonly<Record<string, string>>
  /** Relative paths in `model` are relative to this directory. */
  readonly workingDir: string
  readonly fs: LoaderFs
  /**
   * Whether the services' `env_file`s are read into their `environment` (compose:env does);
   * false for `config --no-env-resolution`, which prints `env_file` as written.
   */
  readonly resolveEnvironment: boolean
}
