/**
 * The library entry (`import … from 'compose'`, or `@compose/compose` on JSR): `createCompose()`
 * → `compose.project()` → `project.up()`, `ps()`, `logs()`, … on Node 20+, Bun and Deno.
 * Every export is documented in docs/library.md (test/unit/library-docs.test.ts keeps the two
 * in sync). The building blocks (loader, reconciler, engine endpoints) are in `compose/core`.
 */
import { EngineClient, type EngineClientOptions } from '../../core/engine/client.ts'
import { homeDir, processEnv } from '../../core/runtime/env.ts'

// the facade
export { Compose, createCompose, type ComposeOptions, type ProjectOptions } from './compose.ts'
export { ComposeProject, type ConfigFormat, type KillCallOptions, type Signalled } from './project.ts'

// errors and progress
export { ComposeError, ERROR_CODES, formatLocation, isComposeError } from '../../core/errors.ts'
export type { ComposeIssue, ErrorCode, SourceLocation } from '../../core/errors.ts'
export type { ComposeEvent, EmitFn } from '../../core/events.ts'
export { COMPOSE_VERSION } from '../../core/version.ts'

// configuration and plugins
export { defineConfig, type BuiltinPluginName, type ComposeConfig } from '../../core/define-config.ts'
export { definePlugin, HOOK_KINDS, type ComposeHooks, type ComposePlugin, type ComposePluginOption } from '../../core/hooks.ts'
export { PluginHost } from '../../core/plugin/host.ts'
export type { HookContext, HookEntry, HookKind, HookOrder } from '../../core/plugin/types.ts'
export { envPlugin } from '../../plugins/env/index.ts'
export { scalePlugin } from '../../plugins/scale/index.ts'
export { healthPlugin } from '../../plugins/health/index.ts'
export { lifecycleHooksPlugin } from '../../plugins/lifecycle-hooks/index.ts'

// the engine
export { EngineClient, type EngineClientOptions } from '../../core/engine/client.ts'

// the loaded project and the options and results of ComposeProject's methods
export type { LoadResult } from '../../core/loader/index.ts'
export type { Project, ServiceConfig } from '../../core/model/project.ts'
export { Plan } from '../../core/converge/plan.ts'
export type { ExecuteResult } from '../../core/converge/execute.ts'
export type { PullOption } from '../../core/converge/images.ts'
export type {
  BuildOptions,
  BuildResult,
  CreateOptions,
  DownOptions,
  KillOptions,
  LifecycleResult,
  PauseOptions,
  PullOptions,
  PullResult,
  PushOptions,
  PushResult,
  RestartOptions,
  RmOptions,
  StartOptions,
  StopOptions,
  UnpauseOptions,
  UpOptions,
  UpResult,
} from '../../core/commands/index.ts'
export type {
  ContainerProcesses,
  EventsOptions,
  HealthStatus,
  ImageEntry,
  ImagesOptions,
  LogEntry,
  LogsOptions,
  PortOptions,
  PortPublisher,
  PortResult,
  ProjectEvent,
  PsEntry,
  PsOptions,
  TopOptions,
} from '../../core/commands/read.ts'
export type {
  AttachOptions,
  AttachOutcome,
  CommitOptions,
  CpOptions,
  CpResult,
  ExecOptions,
  ExecOutcome,
  ExportOptions,
  InteractiveIo,
  RunOptions,
  RunOutcome,
  StatsOptions,
  StatsRow,
  TerminalSize,
} from '../../core/commands/interactive.ts'
export type { WatchEvent, WatchOptions } from '../../core/watch/watch.ts'

/** An engine client set up like the docker CLI: DOCKER_HOST, contexts, TLS, DOCKER_API_VERSION. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const env = options.env ?? processEnv()
  return new EngineClient({ home: homeDir(env), ...options, env })
}
