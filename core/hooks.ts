/**
 * The hook map: every plugin hook of compose, its signature and how it runs.
 * Names are `domain:event`; present tense runs before and may mutate its argument,
 * past tense is a notification. Keep HOOK_KINDS in step (a test checks full coverage).
 */
import type { HookContext, HookKind, Plugin, PluginOption } from './plugin/types.ts'
import type { EngineRequest, EngineResponseInfo } from './engine/transport.ts'
import type { ContainerCreateDraft, ContainerLifecycle, ContainerRef, DesiredState, PlanDraft, ProjectDone, ReadyRequest } from './converge/hook-types.ts'
import type {
  LoadEnvironmentDraft,
  LoadFilesDraft,
  LoadInterpolateDraft,
  LoadMergedDraft,
  LoadParsedDraft,
} from './loader/drafts.ts'
import type { Project } from './model/project.ts'

export interface ComposeHooks {
  // --- engine -------------------------------------------------------------------------------
  /** Before each Engine API request; may rewrite method, path, query and headers. Sequential. */
  'engine:request'(ctx: HookContext, request: EngineRequest): void | Promise<void>
  /** After each Engine API response head arrived. Parallel notification. */
  'engine:responded'(ctx: HookContext, response: EngineResponseInfo): void | Promise<void>

  // --- load (core/loader, drafts in core/loader/drafts.ts) -------------------------------------
  /**
   * Builds the interpolation environment. Called for the project (before file discovery, and
   * again when discovery moved the project directory) and for each `include`. Sequential: each
   * handler adds keys that are still missing (the shell environment always wins).
   */
  'load:environment'(ctx: HookContext, draft: LoadEnvironmentDraft): void | Promise<void>
  /** After discovery: the compose files about to be read; may add, remove or reorder. Sequential. */
  'load:files'(ctx: HookContext, draft: LoadFilesDraft): void | Promise<void>
  /** Each YAML document as parsed, before interpolation; may rewrite `draft.model`. Sequential. */
  'load:parsed'(ctx: HookContext, draft: LoadParsedDraft): void | Promise<void>
  /**
   * Interpolates one document with `draft.env` (`${VAR}`). Sequential; skipped entirely with
   * `noInterpolate`. Without a handler, values are taken literally.
   */
  'load:interpolate'(ctx: HookContext, draft: LoadInterpolateDraft): void | Promise<void>
  /**
   * The merged model of a project (after profiles, before normalization) or of an included
   * project (before import); e.g. resolves `env_file` and `environment`. Sequential.
   */
  'load:merged'(ctx: HookContext, draft: LoadMergedDraft): void | Promise<void>
  /** The normalized, checked project, just before it is frozen and returned. Sequential, read. */
  'load:resolved'(ctx: HookContext, project: Project): void | Promise<void>

  // --- planning (up, create; payloads in core/converge/hook-types.ts) --------------------------
  /** Before reconcile: set the desired replicas per service (the scale plugin). Sequential, mutate. */
  'plan:prepare'(ctx: HookContext, desired: DesiredState): void | Promise<void>
  /** After reconcile/planning, before execution or --dry-run output: edit the plan's nodes. Sequential, mutate. */
  'plan:create'(ctx: HookContext, draft: PlanDraft): void | Promise<void>

  // --- execution -------------------------------------------------------------------------------
  /** Before each container create call, with the full request body. Sequential, mutate. */
  'container:create'(ctx: HookContext, draft: ContainerCreateDraft): void | Promise<void>
  /** A container was created (and connected to its networks). Parallel notification. */
  'container:created'(ctx: HookContext, ref: ContainerRef): void | Promise<void>
  /**
   * Compose just started (or restarted) a container, before it reports it started and before
   * dependents go on: the `post_start` service lifecycle hooks. Sequential; a throw fails the start.
   */
  'container:start'(ctx: HookContext, container: ContainerLifecycle): void | Promise<void>
  /**
   * Compose is about to stop (or restart) a running container: the `pre_stop` service
   * lifecycle hooks. Never called when a container dies on its own. Sequential; a throw fails the stop.
   */
  'container:stop'(ctx: HookContext, container: ContainerLifecycle): void | Promise<void>
  /** A container was started (or unpaused, or restarted). Parallel notification. */
  'container:started'(ctx: HookContext, ref: ContainerRef): void | Promise<void>
  /** A container was stopped (or killed, or paused). Parallel notification. */
  'container:stopped'(ctx: HookContext, ref: ContainerRef): void | Promise<void>
  /** A container was removed. Parallel notification. */
  'container:removed'(ctx: HookContext, ref: ContainerRef): void | Promise<void>
  /**
   * Gate: resolve once the service meets the condition (depends_on conditions, `--wait`); throw
   * when it cannot. First: the first handler returning `true` handled it; with no handler
   * (health plugin disabled) nothing is waited for.
   */
  'service:ready'(ctx: HookContext, request: ReadyRequest): boolean | undefined | Promise<boolean | undefined>
  /** `up`/`create`/`start` finished. Parallel notification. */
  'project:up'(ctx: HookContext, done: ProjectDone): void | Promise<void>
  /** `down` finished. Parallel notification. */
  'project:down'(ctx: HookContext, done: ProjectDone): void | Promise<void>
}

export const HOOK_KINDS: { readonly [K in keyof ComposeHooks]: HookKind } = {
  'engine:request': 'sequential',
  'engine:responded': 'parallel',
  'load:environment': 'sequential',
  'load:files': 'sequential',
  'load:parsed': 'sequential',
  'load:interpolate': 'sequential',
  'load:merged': 'sequential',
  'load:resolved': 'sequential',
  'plan:prepare': 'sequential',
  'plan:create': 'sequential',
  'container:create': 'sequential',
  'container:created': 'parallel',
  'container:start': 'sequential',
  'container:stop': 'sequential',
  'container:started': 'parallel',
  'container:stopped': 'parallel',
  'container:removed': 'parallel',
  'service:ready': 'first',
  'project:up': 'parallel',
  'project:down': 'parallel',
}

export type ComposePlugin = Plugin<ComposeHooks>
export type ComposePluginOption = PluginOption<ComposeHooks>

/** Types a plugin without changing it. */
export function definePlugin(plugin: ComposePlugin): ComposePlugin
export function definePlugin<A extends unknown[]>(factory: (...args: A) => ComposePlugin): (...args: A) => ComposePlugin
export function definePlugin(p: ComposePlugin | ((...args: unknown[]) => ComposePlugin)): unknown {
  return p
}
