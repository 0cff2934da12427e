/** What every lifecycle command gets besides the client, the project and its options. */
import type { AuthOptions } from '../engine/auth.ts'
import type { EmitFn } from '../events.ts'
import type { ComposeHooks } from '../hooks.ts'
import type { PluginHost } from '../plugin/host.ts'
import type { ProjectLabels } from './spec-labels.ts'

export interface RunContext {
  /** Plugin hooks (scale, health, third-party). Without it, no plugin runs. */
  hooks?: PluginHost<ComposeHooks>
  /** Progress and warning events (the core never prints). */
  emit?: EmitFn
  signal?: AbortSignal
  /** Values of the `com.docker.compose.project.*` labels. */
  labels?: ProjectLabels
  /** `--parallel` / COMPOSE_PARALLEL_LIMIT: Engine calls at once (default unbounded). */
  parallel?: number
  /** Where registry credentials are read from (the Docker config); pulls and pushes are anonymous without. */
  auth?: AuthOptions
}

export async function callHook<K extends keyof ComposeHooks & string>(
  ctx: RunContext,
  name: K,
  ...args: Parameters<ComposeHooks[K]> extends [unknown, ...infer A] ? A : never
): Promise<Awaited<ReturnType<ComposeHooks[K]>> | undefined> {
  if (ctx.hooks === undefined || !ctx.hooks.has(name)) return undefined
  const signal = ctx.signal ?? new AbortController().signal
  return (await (ctx.hooks.call as (n: string, s: AbortSignal, ...a: unknown[]) => Promise<unknown>)(name, signal, ...args)) as Awaited<ReturnType<ComposeHooks[K]>> | undefined
}
