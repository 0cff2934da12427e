import { ComposeError } from '../errors.ts'
import type { ComposeEvent, EmitFn } from '../events.ts'
import type {
  AnyHandler,
  HookArgs,
  HookContext,
  HookKind,
  HookMap,
  HookOrder,
  HookResult,
  Plugin,
  PluginOption,
} from './types.ts'

interface Registered {
  plugin: string
  handler: AnyHandler
  rank: number
}

export interface PluginHostOptions {
  emit?: EmitFn
  /** A handler that has not settled after this many ms is reported as a warning (default 30 s). */
  hangAfterMs?: number
}

const TIER: Record<HookOrder | 'normal', number> = { pre: 0, normal: 1, post: 2 }

/**
 * Runs the handlers that plugins registered for each hook, in a fixed order: the plugin's
 * `enforce` tier, then the hook entry's `order`, then registration order. Holds no global
 * state: each compose instance owns one host.
 */
export class PluginHost<H extends HookMap<H>> {
  readonly plugins: readonly Plugin<H>[]
  readonly #kinds: { readonly [K in keyof H]: HookKind }
  readonly #handlers = new Map<keyof H, Registered[]>()
  readonly #emit: EmitFn
  readonly #hangAfterMs: number

  constructor(kinds: { readonly [K in keyof H]: HookKind }, plugins: readonly Plugin<H>[], options: PluginHostOptions = {}) {
    this.#kinds = kinds
    this.plugins = plugins
    this.#emit = options.emit ?? (() => {})
    this.#hangAfterMs = options.hangAfterMs ?? 30_000
    plugins.forEach((plugin, index) => {
      for (const [name, entry] of Object.entries(plugin.hooks ?? {})) {
        if (entry === undefined) continue
        if (!(name in kinds)) {
          throw new ComposeError('PLUGIN_INVALID', `plugin "${plugin.name}" registers unknown hook "${name}"`, {
            plugin: plugin.name,
            hook: name,
            hint: `known hooks: ${Object.keys(kinds).sort().join(', ')}`,
          })
        }
        const handler = (typeof entry === 'function' ? entry : (entry as { handler: AnyHandler }).handler) as AnyHandler
        const order = typeof entry === 'function' ? undefined : (entry as { order?: HookOrder }).order
        if (typeof handler !== 'function') {
          throw new ComposeError('PLUGIN_INVALID', `plugin "${plugin.name}": hook "${name}" has no handler function`, {
            plugin: plugin.name,
            hook: name,
          })
        }
        const rank = TIER[plugin.enforce ?? 'normal'] * 3 + TIER[order ?? 'normal']
        const key = name as keyof H
        const list = this.#handlers.get(key) ?? []
        list.push({ plugin: plugin.name, handler, rank: rank * 1e6 + index })
        this.#handlers.set(key, list)
      }
    })
    for (const list of this.#handlers.values()) list.sort((a, b) => a.rank - b.rank)
  }

  /** Whether any plugin handles this hook (lets callers skip building arguments). */
  has(name: keyof H): boolean {
    return (this.#handlers.get(name)?.length ?? 0) > 0
  }

  /** Names of the plugins that handle `name`, in the order they run. */
  order(name: keyof H): string[] {
    return (this.#handlers.get(name) ?? []).map((r) => r.plugin)
  }

  /**
   * Calls hook `name`. Sequential hooks resolve when every handler ran; `first` hooks resolve
   * with the first value other than `undefined`; parallel hooks resolve when all settled.
   */
  async call<K extends keyof H & string>(
    name: K,
    signal: AbortSignal,
    ...args: HookArgs<H[K]>
  ): Promise<HookResult<H[K]> | undefined> {
    const list = this.#handlers.get(name)
    if (list === undefined || list.length === 0) return undefined
    const ctx: HookContext = { signal, emit: (e: ComposeEvent) => this.#emit(e) }
    const kind = this.#kinds[name]
    if (kind === 'parallel') {
      const results = await Promise.allSettled(list.map((r) => this.#invoke(r, name, ctx, args)))
      results.forEach((res, i) => {
        if (res.status === 'rejected') {
          const plugin = list[i]?.plugin ?? '?'
          this.#emit({ type: 'error', source: plugin, message: describe(res.reason), error: res.reason })
        }
      })
      return undefined
    }
    for (const r of list) {
      if (signal.aborted) throw abortError(signal)
      const value = await this.#invoke(r, name, ctx, args)
      if (kind === 'first' && value !== undefined) return value as HookResult<H[K]>
    }
    return undefined
  }

  async #invoke(r: Registered, hook: string, ctx: HookContext, args: readonly unknown[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const result = (r.handler as (ctx: HookContext, ...a: readonly unknown[]) => unknown)(ctx, ...args)
      // a synchronous handler has settled already: only promises are watched for hangs
      if (!isThenable(result)) return result
      if (this.#hangAfterMs > 0) {
        timer = setTimeout(() => {
          this.#emit({
            type: 'warning',
            source: r.plugin,
            message: `plugin "${r.plugin}" hook "${hook}" has not settled after ${this.#hangAfterMs} ms`,
          })
        }, this.#hangAfterMs)
        ;(timer as { unref?: () => void }).unref?.()
      }
      return await result
    } catch (error) {
      if (ctx.signal.aborted) throw error
      if (error instanceof ComposeError && error.plugin !== undefined) throw error
      const code = error instanceof ComposeError ? ` [${error.code}]` : ''
      throw new ComposeError('PLUGIN_ERROR', `plugin "${r.plugin}" failed in hook "${hook}"${code}: ${describe(error)}`, {
        cause: error,
        plugin: r.plugin,
        hook,
        ...(error instanceof ComposeError ? { source: error.source, hint: error.hint, issues: error.issues } : {}),
      })
    } finally {
      if (timer !== undefined) clearTimeout(timer)
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

/** Flattens nested plugin options, awaits promises, drops falsy entries and later duplicates by name. */
export async function resolvePlugins<H extends HookMap<H>>(options: PluginOption<H> | readonly PluginOption<H>[]): Promise<Plugin<H>[]> {
  const out: Plugin<H>[] = []
  const seen = new Set<string>()
  const walk = async (option: PluginOption<H>): Promise<void> => {
    const value: unknown = await Promise.resolve(option as unknown)
    if (value === false || value === null || value === undefined) return
    if (Array.isArray(value)) {
      for (const item of value as readonly PluginOption<H>[]) await walk(item)
      return
    }
    const plugin = value as Plugin<H>
    if (typeof plugin !== 'object' || typeof plugin.name !== 'string' || plugin.name === '') {
      throw new ComposeError('PLUGIN_INVALID', 'a plugin must be an object with a non-empty "name"', {
        hint: 'export definePlugin({ name: "compose-plugin-x", hooks: { ... } })',
      })
    }
    if (seen.has(plugin.name)) return
    seen.add(plugin.name)
    out.push(plugin)
  }
  await walk(options as PluginOption<H>)
  return out
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}
