/**
 * How a CLI command gets its project: global flags → library options → `compose.project()`.
 * Progress and warnings go to the renderer the command passes as `emit`.
 */
import { ComposeError, isComposeError } from '../../core/errors.ts'
import type { EmitFn } from '../../core/events.ts'
import { Compose, type ProjectOptions } from '../lib/compose.ts'
import type { ComposeProject } from '../lib/project.ts'
import { loadPluginModule } from '../shared/load-config.ts'
import type { ComposePluginOption } from '../../core/hooks.ts'
import type { GlobalOptions } from './define.ts'
import type { CliIo } from './io.ts'

export interface CliProjectOptions {
  /** Services named on the command line (enabled with their profiles). */
  services?: string[]
  noInterpolate?: boolean
  normalize?: boolean
  resolvePaths?: boolean
  consistency?: boolean
  resolveEnvironment?: boolean
  emit?: EmitFn
  signal?: AbortSignal
  /** Without a compose file, a project name alone finds the project in the engine (down, stop, …). */
  byName?: boolean
}

/** The library instance for a CLI run: process env, cwd, `--plugin` modules, `--parallel`. */
export async function cliCompose(io: CliIo, global: GlobalOptions, emit?: EmitFn): Promise<Compose> {
  const plugins: ComposePluginOption[] = []
  for (const spec of global.plugins) plugins.push(...(await loadPluginModule(spec, io.cwd)))
  return new Compose({
    cwd: io.cwd,
    env: io.env,
    home: io.home,
    plugins,
    ...(emit === undefined ? {} : { emit }),
    ...(global.parallel === undefined || global.parallel < 0 ? {} : { parallel: global.parallel }),
  })
}

export async function projectOptions(io: CliIo, global: GlobalOptions, options: CliProjectOptions): Promise<ProjectOptions> {
  const stdin = global.files.includes('-') ? await readAll(io.stdin) : undefined
  const out: ProjectOptions = {
    ...(global.files.length > 0 ? { files: global.files } : {}),
    ...(global.projectName === undefined ? {} : { projectName: global.projectName }),
    ...(global.projectDirectory === undefined ? {} : { projectDirectory: global.projectDirectory }),
    ...(global.envFiles.length > 0 ? { envFiles: global.envFiles } : {}),
    ...(global.profiles.length > 0 ? { profiles: global.profiles } : {}),
    ...(global.compatibility ? { compatibility: true } : {}),
    ...(stdin === undefined ? {} : { stdin }),
  }
  for (const key of ['services', 'noInterpolate', 'normalize', 'resolvePaths', 'consistency', 'resolveEnvironment', 'signal'] as const) {
    if (options[key] !== undefined) Object.assign(out, { [key]: options[key] })
  }
  return out
}

/** Loads the project for a command that talks to the engine. */
export async function openProject(io: CliIo, global: GlobalOptions, options: CliProjectOptions = {}): Promise<ComposeProject> {
  const compose = await cliCompose(io, global, options.emit)
  try {
    return await compose.project(await projectOptions(io, global, options))
  } catch (error) {
    // no compose file, but a project name (-p, COMPOSE_PROJECT_NAME): the project as the engine holds it
    const name = global.projectName ?? io.env.COMPOSE_PROJECT_NAME
    if (options.byName !== true || name === undefined || name === '' || !isComposeError(error, 'LOAD_NO_FILE')) throw error
    const existing = await compose.existingProject(name.toLowerCase(), options.signal === undefined ? {} : { signal: options.signal })
    if (existing !== undefined) return existing
    throw new ComposeError('CONVERGE_NO_CONTAINERS', `no compose file here, and nothing in the engine belongs to project "${name.toLowerCase()}"`, {
      hint: 'check the project name (`compose ls -a` lists them), or run from the project directory',
    })
  }
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}
