/**
 * The hook map: every plugin hook of compose, its signature and how it runs.
 * Names are `domain:event`; present tense runs before and may mutate its argument,
 * past tense is a notification. Keep HOOK_KINDS in step (a test checks full coverage).
 */
import type { HookContext, HookKind, Plugin, PluginOption } from './plugin/types.ts'
import type { EngineRequest, EngineResponseInfo } from './engine/transport.ts'

export interface ComposeHooks {
  // --- engine -------------------------------------------------------------------------------
  /** Before each Engine API request; may rewrite method, path, query and headers. Sequential. */
  'engine:request'(ctx: HookContext, request: EngineRequest): void | Promise<void>
  /** After each Engine API response head arrived. Parallel notification. */
  'engine:responded'(ctx: HookContext, response: EngineResponseInfo): void | Promise<void>
}

export const HOOK_KINDS: { readonly [K in keyof ComposeHooks]: HookKind } = {
  'engine:request': 'sequential',
  'engine:responded': 'parallel',
}

export type ComposePlugin = Plugin<ComposeHooks>
export type ComposePluginOption = PluginOption<ComposeHooks>

/** Types a plugin without changing it. */
export function definePlugin(plugin: ComposePlugin): ComposePlugin
export function definePlugin<A extends unknown[]>(factory: (...args: A) => ComposePlugin): (...args: A) => ComposePlugin
export function definePlugin(p: ComposePlugin | ((...args: unknown[]) => ComposePlugin)): unknown {
  return p
}
