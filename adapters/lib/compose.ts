/**
 * The library API: `createCompose()` wires core with the built-in plugins, the user's
 * `compose.config.*` and extra plugins; `compose.project()` loads a project and binds the
 * lifecycle operations to it. The CLI and the HTTP server use exactly this.
 */
import { dirname, resolve } from 'node:path'
import type { BuiltinPluginName } from '../../core/define-config.ts'
import { EngineClient, type EngineClientOptions } from '../../core/engine/client.ts'
import type { EmitFn } from '../../core/events.ts'
import { HOOK_KINDS, type ComposeHooks, type ComposePluginOption } from '../../core/hooks.ts'
import { discoverFiles } from '../../core/loader/discover.ts'
import { nodeFs } from '../../core/loader/_node-fs.ts'
import type { LoaderFs } from '../../core/loader/drafts.ts'
import { loadProject, type LoadOptions, type LoadResult } from '../../core/loader/index.ts'
import { createSourceMap } from '../../core/loader/source-map.ts'
import { projectFromLabels } from '../../core/commands/project-from-labels.ts'
import { PluginHost, resolvePlugins } from '../../core/plugin/host.ts'
import { homeDir, processCwd, processEnv, type Environment } from '../../core/runtime/env.ts'
import { envPlugin } from '../../plugins/env/index.ts'
import { healthPlugin } from '../../plugins/health/index.ts'
import { lifecycleHooksPlugin } from '../../plugins/lifecycle-hooks/index.ts'
import { scalePlugin } from '../../plugins/scale/index.ts'
import { findConfigFile, loadConfigFile } from '../shared/load-config.ts'
import { ComposeProject } from './project.ts'

export interface ComposeOptions {
  /** Working directory (default: the process's). */
  cwd?: string
  /** Environment for interpolation and the engine address (default: the process's). */
  env?: Environment
  home?: string
  /** Plugins added after the built-ins and the config file's. */
  plugins?: ComposePluginOption[]
  /** Switch built-in plugins off: `{ health: false }`. */
  builtins?: Partial<Record<BuiltinPluginName, boolean>>
  /** Load `compose.config.*` next to the compose file (default true). */
  configFile?: boolean
  /** Engine settings (host, context, API version, connections). */
  engine?: Omit<EngineClientOptions, 'onRequest' | 'onResponse' | 'env' | 'home'>
  /** Progress and warning events. */
  emit?: EmitFn
  /** Engine calls at once (`--parallel`). */
  parallel?: number
}

/** What selects and shapes a project: the CLI's global flags. */
export interface ProjectOptions {
  files?: string[]
  projectName?: string
  projectDirectory?: string
  envFiles?: string[]
  profiles?: string[]
  /** Services named on the command line (enabled with their profiles). */
  services?: string[]
  /** Content for `-f -`. */
  stdin?: string
  noInterpolate?: boolean
  normalize?: boolean
  resolvePaths?: boolean
  consistency?: boolean
  /** Read the services' `env_file`s into their `environment` (default true; `config --no-env-resolution`). */
  resolveEnvironment?: boolean
  /** `--compatibility`: containers named `<project>_<service>_<n>`, as docker-compose v1 named them. */
  compatibility?: boolean
  signal?: AbortSignal
  /** Where the loader reads files (default node:fs; a LoadCache passes a recording one). */
  fs?: LoaderFs
}

export class Compose {
  readonly options: Readonly<ComposeOptions>
  readonly cwd: string
  readonly env: Environment
  readonly home: string

  constructor(options: ComposeOptions = {}) {
    this.options = options
    this.cwd = options.cwd ?? processCwd()
    this.env = options.env ?? processEnv()
    this.home = options.home ?? homeDir(this.env)
  }

  /** The plugins for a project in `dir`: built-ins, then `compose.config.*`, then `options.plugins`. */
  async plugins(configDir: string | undefined): Promise<PluginHost<ComposeHooks>> {
    const configFile = this.options.configFile === false || configDir === undefined ? undefined : findConfigFile(configDir)
    const config = configFile === undefined ? {} : await loadConfigFile(configFile)
    const builtins = { ...config.builtins, ...this.options.builtins }
    const list = await resolvePlugins<ComposeHooks>([
      builtins.env === false ? false : envPlugin(),
      builtins.scale === false ? false : scalePlugin(),
      builtins.health === false ? false : healthPlugin(),
      builtins['lifecycle-hooks'] === false ? false : lifecycleHooksPlugin(),
      config.plugins ?? [],
      this.options.plugins ?? [],
    ])
    return new PluginHost(HOOK_KINDS, list, this.options.emit === undefined ? {} : { emit: this.options.emit })
  }

  /** An engine client whose requests go through the plugins' `engine:*` hooks. */
  engine(host: PluginHost<ComposeHooks>, signal?: AbortSignal): EngineClient {
    const never = signal ?? new AbortController().signal
    return new EngineClient({
      ...this.options.engine,
      env: this.env,
      home: this.home,
      ...(host.has('engine:request') ? { onRequest: async (req) => void (await host.call('engine:request', never, req)) } : {}),
      ...(host.has('engine:responded') ? { onResponse: async (res) => void (await host.call('engine:responded', never, res)) } : {}),
    })
  }

  /** Loads a project (discovery, merge, interpolation, validation) and binds operations to it. */
  async project(options: ProjectOptions = {}): Promise<ComposeProject> {
    const configDir = await this.#configDir(options)
    const host = await this.plugins(configDir)
    const load = await this.load(options, host)
    const envFiles = (options.envFiles ?? []).map((f) => resolve(this.cwd, f))
    return new ComposeProject(this, load, host, this.engine(host, options.signal), envFiles)
  }

  /**
   * A project rebuilt from the engine's labels, for a name without compose files: its services
   * (image, `depends_on`), networks and volumes as they exist, enough to `down`, `stop`,
   * `start`, `restart`, `kill` or `pause` it, as docker compose allows with only `-p`.
   * Undefined when no container, network or volume carries the name.
   */
  async existingProject(name: string, options: { signal?: AbortSignal } = {}): Promise<ComposeProject | undefined> {
    const host = await this.plugins(undefined)
    const client = this.engine(host, options.signal)
    const project = await projectFromLabels(client, name, options.signal).catch(async (error: unknown) => {
      await client.close()
      throw error
    })
    if (project === undefined) {
      await client.close()
      return undefined
    }
    const load: LoadResult = {
      project,
      model: { name, services: {} },
      sources: createSourceMap(undefined),
      name,
      workingDir: project.workingDir ?? this.cwd,
      files: [],
      environment: definedEnv(this.env),
      profiles: [],
      disabledServices: {},
      warnings: [],
    }
    return new ComposeProject(this, load, host, client)
  }

  /** Loads without binding an engine client (`config`). */
  async load(options: ProjectOptions = {}, host?: PluginHost<ComposeHooks>): Promise<LoadResult> {
    const plugins = host ?? (await this.plugins(await this.#configDir(options)))
    const loadOptions: LoadOptions = {
      cwd: this.cwd,
      env: this.env,
      home: this.home,
      host: plugins,
      ...copy(options, ['files', 'stdin', 'projectName', 'projectDirectory', 'envFiles', 'profiles', 'services', 'noInterpolate', 'normalize', 'resolvePaths', 'consistency', 'resolveEnvironment', 'compatibility', 'signal', 'fs']),
      ...(this.options.emit === undefined ? {} : { emit: this.options.emit }),
    }
    return loadProject(loadOptions)
  }

  async #configDir(options: ProjectOptions): Promise<string | undefined> {
    if (this.options.configFile === false) return undefined
    try {
      const env = definedEnv(this.env)
      const found = await discoverFiles({ cwd: this.cwd, env, fs: nodeFs, ...copy(options, ['files', 'projectDirectory']) })
      const first = found.files.find((f) => f !== '-')
      return first === undefined ? this.cwd : dirname(first)
    } catch {
      return undefined // the loader reports the missing file with its own message
    }
  }
}

export function createCompose(options: ComposeOptions = {}): Compose {
  return new Compose(options)
}

function copy<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k]
  return out
}

/** The variables that are set (an Environment may hold undefined values). */
function definedEnv(env: Environment): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}
