import type { ComposeEvent } from '../events.ts'

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
