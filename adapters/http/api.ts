/**
 * What the HTTP routes need from compose: one method per route, each
 * `(project, options, signal[, emit]) → result`. The routes only validate, resolve the project
 * reference under a --root and serialize; everything else happens behind this interface (the
 * library implements it; tests give a fake). Option types come from the valibot schemas.
 */
import type * as v from 'valibot'
import type { EmitFn } from '../../core/events.ts'
import type {
  BuildBody,
  ConfigQuery,
  ContainerInfoSchema,
  DownBody,
  EventsQuery,
  ExecBody,
  ExecResultSchema,
  ListProjectsQuery,
  LogEntrySchema,
  LogsQuery,
  ProjectEventSchema,
  ProjectSummarySchema,
  PsQuery,
  PullBody,
  RestartBody,
  StartBody,
  StopBody,
  UpBody,
} from './schemas.ts'

/**
 * A project the request may touch, already confined: `workingDir` and every file are real
 * paths (symlinks resolved) under `root`. Implementations must load exactly `files` (no
 * other compose files, no plugin config from the project directory, no `--plugin` from a
 * request) and use `name` when given (a project found by its engine labels).
 */
export interface ProjectRef {
  /** The reference as the client wrote it (`web` or `dir:apps/web`). */
  readonly ref: string
  /** Set when the project was found by name; otherwise the loader derives it. */
  readonly name: string | undefined
  /** The declared --root (a real path) the project lives under. */
  readonly root: string
  readonly workingDir: string
  /** Compose files in load order, real paths under `root`. */
  readonly files: readonly string[]
}

export type ListProjectsOptions = v.InferOutput<typeof ListProjectsQuery>
export type PsOptions = v.InferOutput<typeof PsQuery>
export type ConfigOptions = v.InferOutput<typeof ConfigQuery>
export type LogsOptions = v.InferOutput<typeof LogsQuery>
export type EventsOptions = v.InferOutput<typeof EventsQuery>
export type UpOptions = v.InferOutput<typeof UpBody>
export type DownOptions = v.InferOutput<typeof DownBody>
export type StartOptions = v.InferOutput<typeof StartBody>
export type StopOptions = v.InferOutput<typeof StopBody>
export type RestartOptions = v.InferOutput<typeof RestartBody>
export type PullOptions = v.InferOutput<typeof PullBody>
export type BuildOptions = v.InferOutput<typeof BuildBody>
export type ExecOptions = v.InferOutput<typeof ExecBody>

export type ProjectSummary = v.InferOutput<typeof ProjectSummarySchema>
export type ContainerInfo = v.InferOutput<typeof ContainerInfoSchema>
export type ExecResult = v.InferOutput<typeof ExecResultSchema>
export type LogEntry = v.InferOutput<typeof LogEntrySchema>
export type ProjectEvent = v.InferOutput<typeof ProjectEventSchema>

/** The resolved model as JSON (`docker compose config --format json`), before masking. */
export type ProjectConfig = Record<string, unknown>

/**
 * Long operations. `emit` receives progress (pull layers, container created/started, ...),
 * which the route streams as SSE or NDJSON when the client asks for it. Each resolves once
 * the work is done and throws a ComposeError otherwise; `signal` aborts on client disconnect.
 */
export type Operation<O> = (project: ProjectRef, options: O, signal: AbortSignal, emit: EmitFn) => Promise<void>

export interface ComposeApi {
  /**
   * Projects like `docker compose ls`. Optional: without it the adapter lists them itself
   * from the engine labels (see list-projects.ts).
   */
  listProjects?(options: ListProjectsOptions, signal: AbortSignal): Promise<ProjectSummary[]>
  /** Environment values, build args and secrets are masked by the adapter unless `reveal`. */
  config(project: ProjectRef, options: ConfigOptions, signal: AbortSignal): Promise<ProjectConfig>
  ps(project: ProjectRef, options: PsOptions, signal: AbortSignal): Promise<ContainerInfo[]>
  up: Operation<UpOptions>
  down: Operation<DownOptions>
  start: Operation<StartOptions>
  stop: Operation<StopOptions>
  restart: Operation<RestartOptions>
  pull: Operation<PullOptions>
  build: Operation<BuildOptions>
  /** Non-interactive (no TTY, no stdin); resolves with the exit code once the command ended. */
  exec(project: ProjectRef, options: ExecOptions, signal: AbortSignal): Promise<ExecResult>
  /**
   * One entry per line of output. With `follow`, the iterable ends when the containers stop;
   * aborting `signal` (client gone) must end the engine streams.
   */
  logs(project: ProjectRef, options: LogsOptions, signal: AbortSignal): AsyncIterable<LogEntry>
  /** Engine events of the project's containers until `signal` aborts. */
  events(project: ProjectRef, options: EventsOptions, signal: AbortSignal): AsyncIterable<ProjectEvent>
}

/** The names of the long operations, which share a per-project lock. */
export const OPERATIONS = ['up', 'down', 'start', 'stop', 'restart', 'pull', 'build'] as const
export type OperationName = (typeof OPERATIONS)[number]
