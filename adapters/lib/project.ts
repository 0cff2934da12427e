/**
 * A loaded project with the operations bound to it: `project.up()`, `project.down()`, …
 * Each call is a stateless core handler `(client, project, options, ctx)`; this object only
 * carries the client, the plugins and the label values between them.
 */
import * as commands from '../../core/commands/index.ts'
import { renderConfig } from '../../core/config/render.ts'
import * as interactive from '../../core/commands/interactive.ts'
import * as read from '../../core/commands/read.ts'
import { watchProject, type WatchEvent, type WatchOptions } from '../../core/watch/watch.ts'
import type { RunContext } from '../../core/converge/run-context.ts'
import type { EngineClient } from '../../core/engine/client.ts'
import type { EmitFn } from '../../core/events.ts'
import type { ComposeHooks } from '../../core/hooks.ts'
import type { LoadResult } from '../../core/loader/index.ts'
import type { Project } from '../../core/model/project.ts'
import type { PluginHost } from '../../core/plugin/host.ts'
import type { Compose } from './compose.ts'

/** `config --format`: YAML as docker compose prints it, or the same model as JSON. */
export type ConfigFormat = 'yaml' | 'json'

/**
 * What every call takes besides its own options: an AbortSignal (the call rejects with the
 * signal's reason once it aborts, and stops its engine streams) and a progress listener that
 * replaces `ComposeOptions.emit` for this call.
 */
export interface Signalled {
  signal?: AbortSignal
  /** Progress, warnings and errors of this call (default: `ComposeOptions.emit`). */
  emit?: EmitFn
}

/** `kill` options: the core's `signal` (a signal name) is `killSignal` here, since `signal` aborts. */
export type KillCallOptions = Omit<commands.KillOptions, 'signal'> & Signalled & { killSignal?: string }

export class ComposeProject {
  readonly compose: Compose
  readonly load: LoadResult
  readonly hooks: PluginHost<ComposeHooks>
  readonly client: EngineClient
  /** `--env-file` values as given (for the project.environment_file label). */
  readonly envFiles: readonly string[]

  constructor(compose: Compose, load: LoadResult, hooks: PluginHost<ComposeHooks>, client: EngineClient, envFiles: readonly string[] = []) {
    this.compose = compose
    this.envFiles = envFiles
    this.load = load
    this.hooks = hooks
    this.client = client
  }

  get project(): Project {
    return this.load.project
  }

  get name(): string {
    return this.load.name
  }

  /** The resolved model as `docker compose config` prints it (`$` escaped as `$$`, env files folded in). */
  config(format: ConfigFormat = 'yaml'): string {
    return renderConfig(this.project, { format, discardEnvFiles: true })
  }

  /** The context every core handler receives (`emit` defaults to `ComposeOptions.emit`). */
  context(signal?: AbortSignal, emit?: EmitFn): RunContext {
    const listener = emit ?? this.compose.options.emit
    return {
      hooks: this.hooks,
      ...(listener === undefined ? {} : { emit: listener }),
      ...(signal === undefined ? {} : { signal }),
      ...(this.compose.options.parallel === undefined ? {} : { parallel: this.compose.options.parallel }),
      labels: { workingDir: this.load.workingDir, configFiles: this.load.files, environmentFiles: this.envFiles },
      auth: { env: this.compose.env, home: this.compose.home },
    }
  }

  up(options: commands.UpOptions & Signalled = {}): Promise<commands.UpResult> {
    return commands.up(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  create(options: commands.CreateOptions & Signalled = {}): Promise<commands.UpResult> {
    return commands.create(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  down(options: commands.DownOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.down(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  start(options: commands.StartOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.start(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  stop(options: commands.StopOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.stop(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  restart(options: commands.RestartOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.restart(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `kill -s`: `killSignal` is the signal sent to the containers (default SIGKILL); `signal` aborts the call. */
  kill(options: KillCallOptions = {}): Promise<commands.LifecycleResult> {
    const { killSignal, signal, emit, ...rest } = options
    return commands.kill(this.client, this.project, { ...rest, ...(killSignal === undefined ? {} : { signal: killSignal }) }, this.context(signal, emit))
  }

  pause(options: commands.PauseOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.pause(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  unpause(options: commands.UnpauseOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.unpause(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  rm(options: commands.RmOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.rm(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  // --- images ----------------------------------------------------------------------------------
  /** `build`: builds the services' images; resolves once every build has finished. */
  build(options: commands.BuildOptions & Signalled = {}): Promise<commands.BuildResult> {
    return commands.build(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `pull`: pulls the services' images (credentials from the Docker config). */
  pull(options: commands.PullOptions & Signalled = {}): Promise<commands.PullResult> {
    return commands.pull(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `push`: pushes the images of services with both `build:` and `image:`. */
  push(options: commands.PushOptions & Signalled = {}): Promise<commands.PushResult> {
    return commands.push(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  // --- interactive commands and the dev loop ------------------------------------------------
  /** `run`: a one-off container; resolves with its exit code once it ended (or started, with `detach`). */
  run(options: interactive.RunOptions & Signalled): Promise<interactive.RunOutcome> {
    // `run --build` builds the service's image with the project's builder unless told otherwise
    const builder = options.builder ?? (async (service: string) => void (await this.build({ services: [service], ...pick(options, 'signal', 'emit') })))
    return interactive.run(this.client, this.project, { ...options, builder }, this.context(options.signal, options.emit))
  }

  /** `exec`: a command in a running service container; resolves with its exit code. */
  exec(options: interactive.ExecOptions & Signalled): Promise<interactive.ExecOutcome> {
    return interactive.exec(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  attach(options: interactive.AttachOptions & Signalled): Promise<interactive.AttachOutcome> {
    return interactive.attach(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `cp`: `SERVICE:PATH` ↔ a local path (or `-` for a tar stream). */
  cp(options: interactive.CpOptions & Signalled): Promise<interactive.CpResult> {
    return interactive.cp(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `stats --no-stream`: one sample per container. */
  stats(options: interactive.StatsOptions & Signalled = {}): Promise<interactive.StatsRow[]> {
    return interactive.statsOnce(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `stats`: a snapshot about every second until the signal aborts. */
  statsStream(options: interactive.StatsOptions & Signalled = {}): AsyncIterable<interactive.StatsRow[]> {
    return interactive.statsStream(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `commit`: resolves with the new image's ID. */
  commit(options: interactive.CommitOptions & Signalled): Promise<string> {
    return interactive.commit(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `export`: the container's file system as a tar stream. */
  export(options: interactive.ExportOptions & Signalled): Promise<AsyncIterable<Uint8Array>> {
    return interactive.exportService(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** `watch`: `develop.watch` rules applied until the signal aborts; yields what was done. */
  watch(options: WatchOptions & Signalled = {}): AsyncIterable<WatchEvent> {
    // `rebuild` rules build the service's image with the project's builder unless told otherwise
    const rebuild = options.rebuild ?? (async (service: string) => void (await this.build({ services: [service], ...pick(options, 'signal', 'emit') })))
    return watchProject(this.client, this.project, { ...options, rebuild }, this.context(options.signal, options.emit))
  }

  /** The project's containers (`ps`). */
  ps(options: read.PsOptions & Signalled = {}): Promise<read.PsEntry[]> {
    return read.ps(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** The containers' output as lines, merged; with `follow` until they stop or the signal aborts. */
  logs(options: read.LogsOptions & Signalled = {}): Promise<AsyncIterable<read.LogEntry>> {
    return read.logs(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** The project's container events until the signal aborts (or `until`). */
  events(options: read.EventsOptions & Signalled = {}): Promise<AsyncIterable<read.ProjectEvent>> {
    return read.events(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  top(options: read.TopOptions & Signalled = {}): Promise<read.ContainerProcesses[]> {
    return read.top(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** The host address `privatePort` of `service` is published on. */
  port(service: string, privatePort: number, options: read.PortOptions & Signalled = {}): Promise<read.PortResult> {
    return read.port(this.client, this.project, service, privatePort, options, this.context(options.signal, options.emit))
  }

  /** The images of the project's containers. */
  images(options: read.ImagesOptions & Signalled = {}): Promise<read.ImageEntry[]> {
    return read.images(this.client, this.project, options, this.context(options.signal, options.emit))
  }

  /** Releases the engine connections. */
  close(): Promise<void> {
    return this.client.close()
  }
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k]
  return out
}
