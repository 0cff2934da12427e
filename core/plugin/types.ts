import type { EngineClient } from '../engine/client.ts'
import type { GenericSchema } from 'valibot'
import type { ComposeEvent } from '../events.ts'
import type { Project } from '../model/project.ts'

export type Awaitable<T> = T | Promise<T>

/** How the handlers of one hook run. */
export type HookKind =
  /** one after another, each sees what the previous one did (mutation in place); stops at the first error */
  | 'sequential'
  /** all at once; failures become `error` events and never abort (notifications) */
  | 'parallel'
  /** one after another until a handler returns something other than `undefined` */
  | 'first'

/** What every handler gets as its first argument. */
export interface HookContext {
  readonly signal: AbortSignal
  emit(event: ComposeEvent): void
}

export type HookOrder = 'pre' | 'post'

// Handlers are checked against each hook's own signature through `PluginHooks<H>`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = (ctx: HookContext, ...args: never[]) => unknown

export type HookEntry<F> = F | { order?: HookOrder; handler: F }

/** A hook map: an interface whose every member is a handler signature. */
export type HookMap<H> = { [K in keyof H]: AnyHandler }

export type PluginHooks<H extends HookMap<H>> = { [K in keyof H]?: HookEntry<H[K]> }

export interface Plugin<H extends HookMap<H>> {
  /** `compose:<feature>` for built-ins, `compose-plugin-<feature>` for third-party ones. */
  name: string
  enforce?: HookOrder
  hooks?: PluginHooks<H>
  /** Extra commands (`compose <name>`); built-in commands win over a plugin's of the same name. */
  commands?: Readonly<Record<string, PluginCommand>>
  /**
   * Schemas for the plugin's own `x-` extension fields: the loader validates them with the rest
   * of the model and reports problems with file:line:col, e.g.
   * `{ 'x-traefik': { on: 'services', schema: v.object({ host: v.string() }) } }`.
   */
  extensions?: Readonly<Record<`x-${string}`, ExtensionSchema>>
  /**
   * Extra HTTP routes for `compose serve`, mounted under `/v1/plugins/<plugin name>` behind the
   * server's token, Host and Origin checks. Only plugins given when the server starts are
   * mounted; a request can never add one. Web-standard: a Request in, a Response out.
   */
  routes?: readonly PluginRoute[]
}

export interface PluginRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Below the plugin's prefix, Hono syntax: `/status`, `/items/:id`. */
  path: string
  summary?: string
  handler(request: Request, ctx: PluginRouteContext): Response | Promise<Response>
}

export interface PluginRouteContext {
  /** Aborted when the client goes away. */
  signal: AbortSignal
  /** Path parameters (`:id`). */
  params: Readonly<Record<string, string>>
}

/** Where an extension may appear, and the valibot schema of its value. */
export interface ExtensionSchema {
  on: 'project' | 'services' | 'networks' | 'volumes' | 'secrets' | 'configs'
  schema: GenericSchema
}

/** A flag of a plugin command, as the CLI parses it (`--name VALUE`, `-n`). */
export interface PluginFlag {
  type: 'boolean' | 'string' | 'strings' | 'number'
  short?: string
  description: string
  /** Shown in help as `--flag VALUE`. */
  placeholder?: string
  default?: boolean | string | number | readonly string[]
}

export type PluginFlagValue = boolean | string | number | string[] | undefined

/**
 * What a plugin command's `run` gets. Adapter-neutral: the CLI fills it from argv and the process,
 * another adapter (or a test) from anything else. `project()` and `engine()` are lazy so a command
 * that needs neither works without a compose file or an engine.
 */
export interface PluginCommandContext {
  readonly args: readonly string[]
  readonly flags: Readonly<Record<string, PluginFlagValue>>
  readonly signal: AbortSignal
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Writes to standard output. */
  write(text: string): void
  /** Writes to standard error. */
  writeError(text: string): void
  /** The project the global flags select (`-f`, `-p`, `--profile`, `--env-file`), loaded with every plugin. */
  project(): Promise<Project>
  /** An engine client whose requests go through the plugins' `engine:*` hooks. */
  engine(): EngineClient
}

export interface PluginCommand {
  description: string
  /** e.g. `[OPTIONS] SERVICE` */
  usage?: string
  flags?: Readonly<Record<string, PluginFlag>>
  /** Returns the exit code (0 when omitted). */
  run(ctx: PluginCommandContext): Awaitable<number | void>
}

/** What `plugins: [...]` accepts: plugins, nested lists, promises, and falsy values to skip. */
export type PluginOption<H extends HookMap<H>> =
  | Plugin<H>
  | false
  | null
  | undefined
  | readonly PluginOption<H>[]
  | Promise<PluginOption<H>>

export type HookArgs<F> = F extends (ctx: HookContext, ...args: infer A) => unknown ? A : never
export type HookResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never
