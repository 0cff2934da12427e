/**
 * A loaded project with the operations bound to it: `project.up()`, `project.down()`, …
 * Each call is a stateless core handler `(client, project, options, ctx)`; this object only
 * carries the client, the plugins and the label values between them.
 */
import * as commands from '../../core/commands/index.ts'
import * as interactive from '../../core/commands/interactive.ts'
import * as read from '../../core/commands/read.ts'
import { watchProject, type WatchEvent, type WatchOptions } from '../../core/watch/watch.ts'
import type { RunContext } from '../../core/converge/run-context.ts'
import type { EngineClient } from '../../core/engine/client.ts'
import type { ComposeHooks } from '../../core/hooks.ts'
import type { LoadResult } from '../../core/loader/index.ts'
import type { Project } from '../../core/model/project.ts'
import type { PluginHost } from '../../core/plugin/host.ts'
import type { Compose } from './compose.ts'

/** Every long call takes an AbortSignal. */
export interface Signalled {
  signal?: AbortSignal
}

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

  /** The context every core handler receives. */
  context(signal?: AbortSignal): RunContext {
    return {
      hooks: this.hooks,
      ...(this.compose.options.emit === undefined ? {} : { emit: this.compose.options.emit }),
      ...(signal === undefined ? {} : { signal }),
      ...(this.compose.options.parallel === undefined ? {} : { parallel: this.compose.options.parallel }),
      labels: { workingDir: this.load.workingDir, configFiles: this.load.files, environmentFiles: this.envFiles },
      auth: { env: this.compose.env, home: this.compose.home },
    }
  }

  up(options: commands.UpOptions & Signalled = {}): Promise<commands.UpResult> {
    return commands.up(this.client, this.project, options, this.context(options.signal))
  }

  create(options: commands.CreateOptions & Signalled = {}): Promise<commands.UpResult> {
    return commands.create(this.client, this.project, options, this.context(options.signal))
  }

  down(options: commands.DownOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.down(this.client, this.project, options, this.context(options.signal))
  }

  start(options: commands.StartOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.start(this.client, this.project, options, this.context(options.signal))
  }

  stop(options: commands.StopOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.stop(this.client, this.project, options, this.context(options.signal))
  }

  restart(options: commands.RestartOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.restart(this.client, this.project, options, this.context(options.signal))
  }

  kill(options: commands.KillOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.kill(this.client, this.project, options, this.context(options.signal))
  }

  pause(options: commands.PauseOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.pause(this.client, this.project, options, this.context(options.signal))
  }

  unpause(options: commands.UnpauseOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.unpause(this.client, this.project, options, this.context(options.signal))
  }

  rm(options: commands.RmOptions & Signalled = {}): Promise<commands.LifecycleResult> {
    return commands.rm(this.client, this.project, options, this.context(options.signal))
  }

  // --- images ----------------------------------------------------------------------------------
  /** `build`: builds the services' images; resolves once every build has finished. */
  build(options: commands.BuildOptions & Signalled = {}): Promise<commands.BuildResult> {
    return commands.build(this.client, this.project, options, this.context(options.signal))
  }

  /** `pull`: pulls the services' images (credentials from the Docker config). */
  pull(options: commands.PullOptions & Signalled = {}): Promise<commands.PullResult> {
    return commands.pull(this.client, this.project, options, this.context(options.signal))
  }

  /** `push`: pushes the images of services with both `build:` and `image:`. */
  push(options: commands.PushOptions & Signalled = {}): Promise<commands.PushResult> {
    return commands.push(this.client, this.project, options, this.context(options.signal))
  }

  // --- interactive commands and the dev loop ------------------------------------------------
  /** `run`: a one-off container; resolves with its exit code once it ended (or started, with `detach`). */
  run(options: interactive.RunOptions & Signalled): Promise<interactive.RunOutcome> {
    return interactive.run(this.client, this.project, options, this.context(options.signal))
  }

  /** `exec`: a command in a running service container; resolves with its exit code. */
  exec(options: interactive.ExecOptions & Signalled): Promise<interactive.ExecOutcome> {
    return interactive.exec(this.client, this.project, options, this.context(options.signal))
  }

  attach(options: interactive.AttachOptions & Signalled): Promise<interactive.AttachOutcome> {
    return interactive.attach(this.client, this.project, options, this.context(options.signal))
  }

  /** `cp`: `SERVICE:PATH` ↔ a local path (or `-` for a tar stream). */
  cp(options: interactive.CpOptions & Signalled): Promise<interactive.CpResult> {
    return interactive.cp(this.client, this.project, options, this.context(options.signal))
  }

  /** `stats --no-stream`: one sample per container. */
  stats(options: interactive.StatsOptions & Signalled = {}): Promise<interactive.StatsRow[]> {
    return interactive.statsOnce(this.client, this.project, options, this.context(options.signal))
  }

  /** `stats`: a snapshot about every second until the signal aborts. */
  statsStream(options: interactive.StatsOptions & Signalled = {}): AsyncIterable<interactive.StatsRow[]> {
    return interactive.statsStream(this.client, this.project, options, this.context(options.signal))
  }

  /** `commit`: resolves with the new image's ID. */
  commit(options: interactive.CommitOptions & Signalled): Promise<string> {
    return interactive.commit(this.client, this.project, options, this.context(options.signal))
  }

  /** `export`: the container's file system as a tar stream. */
  export(options: interactive.ExportOptions & Signalled): Promise<AsyncIterable<Uint8Array>> {
    return interactive.exportService(this.client, this.project, options, this.context(options.signal))
  }

  /** `watch`: `develop.watch` rules applied until the signal aborts; yields what was done. */
  watch(options: WatchOptions & Signalled = {}): AsyncIterable<WatchEvent> {
    return watchProject(this.client, this.project, options, this.context(options.signal))
  }

  /** The project's containers (`ps`). */
  ps(options: read.PsOptions & Signalled = {}): Promise<read.PsEntry[]> {
    return read.ps(this.client, this.project, options, this.context(options.signal))
  }

  /** The containers' output as lines, merged; with `follow` until they stop or the signal aborts. */
  logs(options: read.LogsOptions & Signalled = {}): Promise<AsyncIterable<read.LogEntry>> {
    return read.logs(this.client, this.project, options, this.context(options.signal))
  }

  /** The project's container events until the signal aborts (or `until`). */
  events(options: read.EventsOptions & Signalled = {}): Promise<AsyncIterable<read.ProjectEvent>> {
    return read.events(this.client, this.project, options, this.context(options.signal))
  }

  top(options: read.TopOptions & Signalled = {}): Promise<read.ContainerProcesses[]> {
    return read.top(this.client, this.project, options, this.context(options.signal))
  }

  /** The host address `privatePort` of `service` is published on. */
  port(service: string, privatePort: number, options: read.PortOptions & Signalled = {}): Promise<read.PortResult> {
    return read.port(this.client, this.project, service, privatePort, options, this.context(options.signal))
  }

  /** The images of the project's containers. */
  images(options: read.ImagesOptions & Signalled = {}): Promise<read.ImageEntry[]> {
    return read.images(this.client, this.project, options, this.context(options.signal))
  }

  /** Releases the engine connections. */
  close(): Promise<void> {
    return this.client.close()
  }
}
