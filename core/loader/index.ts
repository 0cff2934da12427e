/**
 * `loadProject`: from options (files, env, flags) to a normalized, checked Project.
 * discover → `load:environment` → `load:files` → read/parse → `load:parsed` → `load:interpolate`
 * → validate (per document) → include → extends → merge → profiles → `load:merged` → normalize
 * → consistency → `load:resolved`. All problems of a stage are collected and thrown together as
 * one ComposeError (issues sorted by file:line); the core never prints.
 */
import { resolve } from 'node:path'
import { formatLocation, type ComposeIssue } from '../errors.ts'
import type { EmitFn } from '../events.ts'
import type { ComposeHooks } from '../hooks.ts'
import type { Project } from '../model/project.ts'
import type { PluginHost } from '../plugin/host.ts'
import { homeDir } from '../runtime/env.ts'
import { checkConsistency } from './consistency.ts'
import { discoverFiles, projectDirectoryOf, type Discovered } from './discover.ts'
import { parseGoBool } from './env-files.ts'
import type { LoaderFs, LoadMergedDraft } from './drafts.ts'
import { normalizeModel, normalizeRawModel, toProject, type NormalizeContext } from './normalize.ts'
import { throwIfProblems } from './_problems.ts'
import { nodeFs } from './_node-fs.ts'
import { createReporter, loadModel, type Env, type ModelContext } from './_load-model.ts'
import { buildEnvironment, resolveName } from './_project-setup.ts'
import { applyProfiles, parseProfilesList } from './profiles.ts'
import { createSourceMap, type Located } from './source-map.ts'
import type { RawModel, SourceMap } from './types.ts'
import { validateRawModel } from './validate.ts'
import { validateRules } from './validate-rules.ts'
import { validateExtensions } from './extensions.ts'

export interface LoadOptions {
  /** Current directory: relative `-f`, `--env-file` and `--project-directory` are relative to it. */
  cwd: string
  /** The shell environment (injected; wins over every env file). */
  env: Readonly<Record<string, string | undefined>>
  /** Home directory for `~` in paths; default from `env`. */
  home?: string
  /** `-f` values; `-` reads `stdin`. Default: COMPOSE_FILE, then the file search. */
  files?: readonly string[]
  /** Content of standard input, for `-f -`. */
  stdin?: string
  /** `-p`. */
  projectName?: string
  /** `--project-directory`. */
  projectDirectory?: string
  /** `--env-file` (repeatable); default COMPOSE_ENV_FILES, then the project's `.env`. */
  envFiles?: readonly string[]
  /** `--profile` (repeatable); default COMPOSE_PROFILES. */
  profiles?: readonly string[]
  /** Services named on the command line: enabled together with their profiles. */
  services?: readonly string[]
  /** Take `${...}` literally (`config --no-interpolate`). */
  noInterpolate?: boolean
  /** Normalize the model (default true). */
  normalize?: boolean
  /** Make relative paths absolute (default true). */
  resolvePaths?: boolean
  /** Check cross references (default true). */
  consistency?: boolean
  /** Read the services' `env_file`s into their `environment` (default true; `config --no-env-resolution` sets false). */
  resolveEnvironment?: boolean
  /** `--compatibility`: containers named `<project>_<service>_<n>` (also COMPOSE_COMPATIBILITY in the project environment). */
  compatibility?: boolean
  /** Plugins (the `load:*` hooks). Without `compose:env` there is no `.env` and no interpolation. */
  host?: PluginHost<ComposeHooks>
  signal?: AbortSignal
  fs?: LoaderFs
  /** Receives the warnings as they are found (they are also returned). */
  emit?: EmitFn
  maxFileBytes?: number
  maxAliasCount?: number
}

export interface LoadResult {
  project: Project
  /** The merged model before normalization (active services only). */
  model: RawModel
  sources: SourceMap
  name: string
  workingDir: string
  /** Compose files, absolute (`-` for stdin). */
  files: string[]
  /** The interpolation environment (shell, env files, COMPOSE_PROJECT_NAME). */
  environment: Record<string, string>
  /** Active profiles. */
  profiles: string[]
  /** Services disabled by profiles, as defined. */
  disabledServices: Record<string, unknown>
  warnings: ComposeIssue[]
}

export async function loadProject(options: LoadOptions): Promise<LoadResult> {
  const warnings: ComposeIssue[] = []
  try {
    return await load(options, warnings)
  } finally {
    for (const w of warnings) options.emit?.({ type: 'warning', message: w.source ? `${formatLocation(w.source)} ${w.message}` : w.message, source: 'loader' })
  }
}

async function load(options: LoadOptions, warnings: ComposeIssue[]): Promise<LoadResult> {
  const signal = options.signal ?? new AbortController().signal
  const fs = options.fs ?? nodeFs
  const host = options.host
  const cwd = resolve(options.cwd)
  const problems: ModelContext['problems'] = []
  const sink = { problems, warnings }

  const env = await buildEnvironment({ options, cwd, fs, host, signal, sink })
  let discovered: Discovered
  try {
    discovered = await discoverFiles({ cwd, env: env.value, fs, ...pick(options, 'files', 'projectDirectory') })
  } finally {
    throwIfProblems(problems)
  }
  for (const message of discovered.warnings) warnings.push({ message })
  const workingDir = projectDirectoryOf(cwd, discovered.files, options.projectDirectory)
  await env.rebuildFor(workingDir)
  throwIfProblems(problems)

  const filesDraft = { files: [...discovered.files], workingDir, env: env.value }
  await host?.call('load:files', signal, filesDraft)
  const files = filesDraft.files

  const ctx: ModelContext = {
    host,
    signal,
    fs,
    stdin: options.stdin,
    noInterpolate: options.noInterpolate === true,
    resolveEnvironment: options.resolveEnvironment !== false,
    resolvePaths: options.resolvePaths !== false,
    projectDir: workingDir,
    maxFileBytes: options.maxFileBytes,
    maxAliasCount: options.maxAliasCount,
    validate: validateRawModel,
    includeEnvironment: (spec, parent) => env.forInclude(spec, parent),
    includeMerged: (model, includeEnv, dir) => runMerged('include', model, includeEnv, dir, ctx),
    problems,
    warnings,
    parsed: new Map(),
    extended: new WeakMap(),
  }

  // an invalid -p or COMPOSE_PROJECT_NAME fails at once; a missing name only after the files
  // were read and validated (as compose-go), so that their own problems come first
  const named = await resolveName({ options, files, workingDir, env: env.value, ctx })
  throwIfProblems(problems)
  const name = typeof named === 'string' ? named : ''
  const projectEnv: Env = { ...env.value, COMPOSE_PROJECT_NAME: name }
  const profileList = options.profiles !== undefined && options.profiles.length > 0 ? [...options.profiles] : parseProfilesList(projectEnv['COMPOSE_PROFILES'])

  const merged = await loadModel(files, workingDir, projectEnv, [], ctx)
  throwIfProblems(problems)
  if (Object.keys(merged.value).length === 0) {
    const source = { file: files[files.length - 1] ?? '-', line: 1, col: 1 }
    throwIfProblems([{ code: 'LOAD_EMPTY', message: 'empty compose file', source, hint: 'define at least one service under `services:`' }])
  }
  if (typeof named !== 'string') throw named
  const profiled = applyProfiles(merged, { profiles: profileList, ...pick(options, 'services') })
  throwIfProblems(profiled.problems)
  const resolved = await runMerged('project', profiled.model, projectEnv, workingDir, ctx)
  throwIfProblems(problems)

  const model: RawModel = { ...resolved.value, name }
  const sources = createSourceMap(resolved.src)
  // rules the schema cannot express (external + driver, file|environment, ...), on the merged model
  throwIfProblems(validateRules(model, sources).map((i) => ({ ...i, code: 'SCHEMA_INVALID' as const })))
  if (host !== undefined) throwIfProblems(validateExtensions(model, sources, host.plugins).map((i) => ({ ...i, code: 'SCHEMA_INVALID' as const })))
  const normalizeContext: NormalizeContext = {
    projectName: name,
    workingDir,
    home: options.home ?? homeDir(options.env),
    env: { ...projectEnv },
    resolvePaths: options.resolvePaths !== false,
    normalize: options.normalize !== false,
  }
  // the project is frozen below; normalization builds a new tree and shares nothing with `model`
  // (normalize-ownership.test.ts), so `model` stays the caller's to change;
  // without interpolation `${...}` stays in typed fields, so normalization must be lenient there
  const project = options.noInterpolate === true ? uninterpolatedProject(model, normalizeContext) : normalizeModel(model, normalizeContext)
  if (options.consistency !== false) {
    throwIfProblems(checkConsistency(project, sources).map((i) => ({ ...i, code: 'CONFIG_INVALID' as const })))
  }
  // docker compose reads the variable with utils.StringToBool: trimmed, lower-cased strconv.ParseBool
  if (options.compatibility === true || parseGoBool((projectEnv['COMPOSE_COMPATIBILITY'] ?? '').trim().toLowerCase()) === true) project.compatibility = true
  await host?.call('load:resolved', signal, project)
  return {
    project: deepFreeze(project),
    model,
    sources,
    name,
    workingDir,
    files,
    environment: { ...projectEnv },
    profiles: profiled.profiles,
    disabledServices: profiled.disabled,
    warnings,
  }
}

async function runMerged(scope: 'project' | 'include', model: Located<RawModel>, env: Env, workingDir: string, ctx: ModelContext): Promise<Located<RawModel>> {
  const sources = createSourceMap(model.src)
  const draft: LoadMergedDraft = { scope, model: model.value, sources, env, workingDir, fs: ctx.fs, resolveEnvironment: ctx.resolveEnvironment, ...createReporter(ctx, sources) }
  await ctx.host?.call('load:merged', ctx.signal, draft)
  return { value: draft.model, src: model.src }
}

/**
 * With `noInterpolate`, typed fields may still hold `${...}` (`ports: ["${PORT}:80"]`), which
 * the typed Project cannot represent: `config --no-interpolate` renders `model` instead, and the
 * project is empty unless the model happens to type-check.
 */
function uninterpolatedProject(model: RawModel, ctx: NormalizeContext): Project {
  try {
    return toProject(normalizeRawModel(structuredClone(model), ctx, { lenient: true }), ctx)
  } catch {
    return { name: ctx.projectName, services: {}, networks: {}, volumes: {}, secrets: {}, configs: {} }
  }
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): { [P in K]?: NonNullable<T[P]> } {
  const out: { [P in K]?: NonNullable<T[P]> } = {}
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) out[k] = o[k] as NonNullable<T[K]>
  return out
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    // for-in: no array of values for every object of the project
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
