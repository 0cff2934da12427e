/**
 * The plugin authors' test kit: loads a project (from YAML text or a directory) with only the
 * plugins under test, runs the real pipeline (`up`, `down`, …) against an in-memory engine or the
 * real one, and captures every event. Runtime-agnostic: the same test runs on Node, Bun and Deno.
 *
 *   const kit = createPluginTestKit({ plugins: [myPlugin()] })
 *   const project = await kit.load('services: { web: { image: busybox } }')
 *   await project.up()
 *   kit.fake?.createBodies()  // what reached the engine
 *   await kit.close()         // `down` of every project it loaded, then closes the clients
 */
import { tmpdir } from 'node:os'
import type { BuiltinPluginName, Compose, ComposeProject, ProjectOptions } from '../../adapters/lib/index.ts'
import { createCompose } from '../../adapters/lib/index.ts'
import type { ComposeEvent, ComposeHooks, ComposePluginOption, HookContext, Transport } from '../../core/index.ts'
import type { PluginHost } from '../../core/plugin/host.ts'
import type { HookArgs, HookResult } from '../../core/plugin/types.ts'
import { FakeEngine, type FakeEngineOptions } from './fake-engine.ts'

export interface PluginTestKitOptions {
  /** The plugins under test (any nesting, as in `compose.config.ts`). */
  plugins?: ComposePluginOption[]
  /** Built-ins to run alongside; default none, so only `plugins` run: `{ env: true }`. */
  builtins?: Partial<Record<BuiltinPluginName, boolean>>
  /** `'fake'` (default): a new in-memory engine, or the FakeEngine given; `'real'`: the Docker Engine of `env`; or any Transport. */
  engine?: 'fake' | 'real' | FakeEngine | Transport
  fakeEngine?: FakeEngineOptions
  /** Environment for interpolation and DOCKER_HOST (default: empty, so tests are hermetic). */
  env?: Record<string, string | undefined>
  /** Working directory for YAML-text projects (default: the system's temporary directory). */
  cwd?: string
  /** Prefix of the unique project names the kit gives (default `kit`). */
  prefix?: string
}

export type YamlSource = string | { dir: string; files?: string[] }

export interface PluginTestKit {
  /** Every event emitted so far (progress, warnings, plugin errors of parallel hooks). */
  readonly events: ComposeEvent[]
  /** The in-memory engine (undefined with `engine: 'real'` or a custom transport). */
  readonly fake: FakeEngine | undefined
  readonly compose: Compose
  /** Messages of the warning events so far. */
  warnings(): string[]
  /** Loads a project with a unique name unless `options.projectName` is given. */
  load(source: YamlSource, options?: ProjectOptions): Promise<ComposeProject>
  /** The plugin host with the kit's plugins (and the chosen built-ins). */
  host(): Promise<PluginHost<ComposeHooks>>
  /** Calls one hook through the host, as the core would. */
  call<K extends keyof ComposeHooks & string>(name: K, ...args: HookArgs<ComposeHooks[K]>): Promise<HookResult<ComposeHooks[K]> | undefined>
  /** Same, with the signal handlers receive. */
  callWithSignal<K extends keyof ComposeHooks & string>(signal: AbortSignal, name: K, ...args: HookArgs<ComposeHooks[K]>): Promise<HookResult<ComposeHooks[K]> | undefined>
  /** A context for calling a handler directly: `plugin.hooks['x'](kit.context(), …)`. */
  context(signal?: AbortSignal): HookContext
  /** `down` (volumes, orphans, no grace period) of every project loaded, then closes the engine clients. */
  close(): Promise<void>
}

const ALL_OFF: Record<BuiltinPluginName, boolean> = { env: false, scale: false, health: false, 'lifecycle-hooks': false }

export function createPluginTestKit(options: PluginTestKitOptions = {}): PluginTestKit {
  const events: ComposeEvent[] = []
  const emit = (e: ComposeEvent): void => void events.push(e)
  const mode = options.engine ?? 'fake'
  const fake = mode === 'fake' ? new FakeEngine(options.fakeEngine) : mode instanceof FakeEngine ? mode : undefined
  const transport = fake ?? (typeof mode === 'object' ? mode : undefined)
  const env = options.env ?? {}
  const cwd = options.cwd ?? tmpdir()
  const compose = createCompose({
    cwd,
    env,
    home: env.HOME ?? '/tmp',
    plugins: options.plugins ?? [],
    builtins: { ...ALL_OFF, ...options.builtins },
    configFile: false,
    emit,
    ...(transport === undefined ? {} : { engine: { transport } }),
  })
  const loaded: ComposeProject[] = []
  let host: Promise<PluginHost<ComposeHooks>> | undefined
  const getHost = (): Promise<PluginHost<ComposeHooks>> => (host ??= compose.plugins(undefined))
  const callWithSignal = async <K extends keyof ComposeHooks & string>(signal: AbortSignal, name: K, ...args: HookArgs<ComposeHooks[K]>): Promise<HookResult<ComposeHooks[K]> | undefined> => {
    const h = await getHost()
    return h.call(name, signal, ...args)
  }
  return {
    events,
    fake,
    compose,
    warnings: () => events.flatMap((e) => (e.type === 'warning' ? [e.message] : [])),
    async load(source, projectOptions = {}) {
      const name = projectOptions.projectName ?? uniqueName(options.prefix ?? 'kit')
      const base: ProjectOptions =
        typeof source === 'string'
          ? { files: ['-'], stdin: source, projectDirectory: cwd }
          : { projectDirectory: source.dir, ...(source.files === undefined ? {} : { files: source.files.map((f) => (f.startsWith('/') ? f : `${source.dir}/${f}`)) }) }
      const project = await compose.project({ ...base, ...projectOptions, projectName: name })
      loaded.push(project)
      return project
    },
    host: getHost,
    call: (name, ...args) => callWithSignal(new AbortController().signal, name, ...args),
    callWithSignal,
    context: (signal) => ({ signal: signal ?? new AbortController().signal, emit }),
    async close() {
      for (const project of loaded.splice(0)) {
        await project.down({ volumes: true, removeOrphans: true, timeout: 0 }).catch((error: unknown) => {
          emit({ type: 'warning', message: `kit cleanup of ${project.name}: ${error instanceof Error ? error.message : String(error)}` })
        })
        await project.close()
      }
      await fake?.close()
    },
  }
}

/** `prefix-<8 hex>`: unique per call, valid as a project name. */
export function uniqueName(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4))
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
