/**
 * compose-plugin-notify-unhealthy — after `up`, watches the engine's event stream for the
 * project's containers and POSTs a JSON notification when one turns unhealthy:
 *
 *   { "project": "shop", "service": "db", "container": "shop-db-1", "id": "…", "status": "unhealthy", "time": "…" }
 *
 * `project:up` subscribes (`GET /events`, filtered to the project's `health_status` events)
 * and returns as soon as the engine accepted the subscription; the watch runs in the background
 * until `project:down` of that project, the signal of the `up` call or `options.signal` aborts,
 * or `plugin.close()` is called. A failed POST becomes a warning event; it never fails `up`.
 * Only the public API and web-standard `fetch`: runs on Node, Bun and Deno.
 */
import { createEngineClient } from '../../../adapters/lib/index.ts'
import { definePlugin, ndjson, type ComposeEvent, type ComposePlugin, type EngineClient } from '../../../core/index.ts'

export interface NotifyUnhealthyOptions {
  /** Where notifications are POSTed (JSON). */
  url: string
  /** Extra request headers (e.g. an authorization token). */
  headers?: Readonly<Record<string, string>>
  /** The engine to watch (default: one set up from the environment, like the docker CLI). */
  engine?: EngineClient | (() => EngineClient)
  /** Stops every watch when aborted. */
  signal?: AbortSignal
  /** Also notify when a container becomes healthy again (default false). */
  recovered?: boolean
  /** `fetch` to use (tests; default the global one). */
  fetch?: typeof fetch
}

export interface UnhealthyNotification {
  project: string
  service: string
  container: string
  id: string
  status: 'unhealthy' | 'healthy'
  time: string
}

/** The plugin plus `close()`, which stops every watch and waits for the streams to end. */
export type NotifyUnhealthyPlugin = ComposePlugin & { close(): Promise<void> }

interface EventLine {
  Type?: string
  Action?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  time?: number
}

const PROJECT_LABEL = 'com.docker.compose.project'
const SERVICE_LABEL = 'com.docker.compose.service'

export const notifyUnhealthyPlugin = definePlugin((options: NotifyUnhealthyOptions): ComposePlugin => {
  const watches = new Map<string, { controller: AbortController; done: Promise<void> }>()
  let owned: EngineClient | undefined
  const engine = (): EngineClient => {
    if (typeof options.engine === 'function') return options.engine()
    return options.engine ?? (owned ??= createEngineClient())
  }
  const post = options.fetch ?? fetch

  const stop = async (project: string): Promise<void> => {
    const watch = watches.get(project)
    if (watch === undefined) return
    watches.delete(project)
    watch.controller.abort()
    await watch.done
  }

  const notify = async (n: UnhealthyNotification, emit: (e: ComposeEvent) => void): Promise<void> => {
    try {
      const res = await post(options.url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(n) })
      await res.body?.cancel()
      if (!res.ok) emit({ type: 'warning', source: 'compose-plugin-notify-unhealthy', message: `notification for ${n.container} answered ${res.status}` })
    } catch (error) {
      emit({ type: 'warning', source: 'compose-plugin-notify-unhealthy', message: `notification for ${n.container} failed: ${error instanceof Error ? error.message : String(error)}` })
    }
  }

  const plugin: NotifyUnhealthyPlugin = {
    name: 'compose-plugin-notify-unhealthy',
    hooks: {
      async 'project:up'(ctx, done) {
        if (ctx.signal.aborted || options.signal?.aborted === true || watches.has(done.project)) return
        const controller = new AbortController()
        const signal = AbortSignal.any([controller.signal, ctx.signal, ...(options.signal === undefined ? [] : [options.signal])])
        const filters = JSON.stringify({ type: ['container'], event: ['health_status'], label: [`${PROJECT_LABEL}=${done.project}`] })
        const res = await engine().request({ method: 'GET', path: '/events', query: { filters }, signal })
        const pump = async (): Promise<void> => {
          try {
            for await (const event of ndjson<EventLine>(res.body)) {
              if (signal.aborted) return
              const status = event.Action?.replace(/^health_status:\s*/, '')
              const labels = event.Actor?.Attributes ?? {}
              if (event.Type !== 'container' || labels[PROJECT_LABEL] !== done.project) continue
              if (status !== 'unhealthy' && !(status === 'healthy' && options.recovered === true)) continue
              await notify(
                {
                  project: done.project,
                  service: labels[SERVICE_LABEL] ?? '',
                  container: labels.name ?? event.Actor?.ID ?? '',
                  id: event.Actor?.ID ?? '',
                  status,
                  time: new Date((event.time ?? Date.now() / 1000) * 1000).toISOString(),
                },
                ctx.emit,
              )
            }
          } catch (error) {
            if (!signal.aborted) ctx.emit({ type: 'warning', source: 'compose-plugin-notify-unhealthy', message: `event stream of ${done.project} ended: ${error instanceof Error ? error.message : String(error)}` })
          } finally {
            if (watches.get(done.project)?.controller === controller) watches.delete(done.project)
          }
        }
        watches.set(done.project, { controller, done: pump() })
      },
      'project:down': (_ctx, done) => stop(done.project),
    },
    async close() {
      await Promise.all([...watches.keys()].map(stop))
      await owned?.close()
      owned = undefined
    },
  }
  return plugin
}) as (options: NotifyUnhealthyOptions) => NotifyUnhealthyPlugin

export default notifyUnhealthyPlugin
