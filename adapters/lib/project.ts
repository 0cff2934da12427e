/**
 * A loaded project with the operations bound to it: `project.up()`, `project.down()`, …
 * Each call is a stateless core handler `(client, project, options, ctx)`; this object only
 * carries the client, the plugins and the label values between them.
 */
import * as commands from '../../core/commands/index.ts'
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

  /** Releases the engine connections. */
  close(): Promise<void> {
    return this.client.close()
  }
}
