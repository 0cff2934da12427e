/**
 * The project-level inputs of a load: the interpolation environment (through the
 * `load:environment` hook, as docker compose's toProjectOptions: shell first, then env files,
 * applied once before discovery and again for the project directory) and the project name.
 */
import { ComposeError } from '../errors.ts'
import type { ComposeHooks } from '../hooks.ts'
import type { PluginHost } from '../plugin/host.ts'
import { createReporter, displayName, readDocuments, type Env, type ModelContext } from './_load-model.ts'
import { projectDirectoryOf, resolveProjectName } from './discover.ts'
import { explicitEnvFiles } from './env-files.ts'
import type { LoaderFs, LoadEnvironmentDraft, LoadInterpolateDraft } from './drafts.ts'
import type { IncludeSpec } from './include.ts'
import type { LoadOptions } from './index.ts'
import { createSourceMap, type SourceNode } from './source-map.ts'

export interface ProjectEnvironment {
  /** The environment built so far. */
  readonly value: Env
  /** Applies the env files of the project directory found by discovery, if it moved. */
  rebuildFor(workingDir: string): Promise<void>
  /** The environment of an included project: the parent's plus its own env files. */
  forInclude(spec: IncludeSpec, parent: Env): Promise<Env>
}

interface EnvironmentInputs {
  options: LoadOptions
  cwd: string
  fs: LoaderFs
  host: PluginHost<ComposeHooks> | undefined
  signal: AbortSignal
  sink: Pick<ModelContext, 'problems' | 'warnings'>
}

export async function buildEnvironment(inputs: EnvironmentInputs): Promise<ProjectEnvironment> {
  const { options, cwd, fs, host, signal, sink } = inputs
  const shell: Record<string, string> = {}
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) shell[k] = v
  shell['PWD'] = cwd
  const envFiles = explicitEnvFiles(cwd, options.envFiles, shell)
  const run = async (scope: 'project' | 'include', env: Env, workingDir: string, files: readonly string[] | undefined): Promise<Env> => {
    const draft: LoadEnvironmentDraft = { scope, env: { ...env }, workingDir, envFiles: files, fs, ...createReporter(sink, undefined) }
    await host?.call('load:environment', signal, draft)
    return draft.env
  }
  const firstDir = projectDirectoryOf(cwd, options.files ?? [], options.projectDirectory)
  let value = await run('project', shell, firstDir, envFiles)
  return {
    get value() {
      return value
    },
    async rebuildFor(workingDir) {
      if (workingDir !== firstDir) value = await run('project', value, workingDir, envFiles)
    },
    forInclude: (spec, parent) => run('include', parent, spec.projectDirectory, spec.envFiles),
  }
}

interface NameInputs {
  options: LoadOptions
  files: readonly string[]
  workingDir: string
  env: Env
  ctx: ModelContext
}

/**
 * `-p`, COMPOSE_PROJECT_NAME, the files' `name:` (interpolated), the directory name. Throws for
 * an invalid explicit name; returns the error when no name can be found (reported after loading).
 */
export async function resolveName({ options, files, workingDir, env, ctx }: NameInputs): Promise<string | ComposeError> {
  const flag = options.projectName
  const fromEnv = env['COMPOSE_PROJECT_NAME']
  if ((flag !== undefined && flag !== '') || (fromEnv !== undefined && fromEnv !== '')) {
    return resolveProjectName({ ...(flag ? { flag } : {}), ...(fromEnv ? { env: fromEnv } : {}), namedInFiles: false, workingDir })
  }
  let last: { name: string; file: string; sources: SourceNode } | undefined
  let namedInFiles = false
  for (const file of files) {
    for (const doc of await readDocuments(file, ctx)) {
      const name = doc.model['name']
      if (typeof name !== 'string' || name === '') continue
      namedInFiles = true
      last = { name, file: displayName(file), sources: doc.sources }
    }
  }
  let fromFiles = last?.name
  if (last !== undefined && !ctx.noInterpolate) {
    // problems are reported again, with the rest of the file, when the file itself is interpolated
    const sources = createSourceMap(last.sources)
    const draft: LoadInterpolateDraft = { file: last.file, model: { name: last.name }, env, sources, ...createReporter({ problems: [], warnings: [] }, sources) }
    await ctx.host?.call('load:interpolate', ctx.signal, draft)
    fromFiles = typeof draft.model['name'] === 'string' ? draft.model['name'] : ''
  }
  try {
    return resolveProjectName({ ...(fromFiles === undefined ? {} : { fromFiles }), namedInFiles, workingDir })
  } catch (error) {
    if (error instanceof ComposeError) return error
    throw error
  }
}
