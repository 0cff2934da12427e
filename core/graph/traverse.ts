/**
 * Parallel traversal of the service graph, bounded by a limit. `up` starts at the leaves (a
 * service runs once all its dependencies are done); `down` starts at the roots (a service runs
 * once all its dependents are done). A failed visit skips everything waiting on it; the others
 * carry on. The result names each failed and skipped service.
 */
import type { ServiceGraph } from './graph.ts'
import { createLimiter } from './limit.ts'

export type Direction = 'up' | 'down'

export interface TraverseOptions {
  /** Only these services (default all); edges to others are ignored. */
  services?: ReadonlySet<string>
  /** Visits running at once (default unbounded). */
  limit?: number
  signal?: AbortSignal
}

export interface TraverseResult {
  done: string[]
  failed: { service: string; error: unknown }[]
  /** Services not visited because something they wait on failed. */
  skipped: { service: string; because: string }[]
}

export async function traverse(
  graph: ServiceGraph,
  direction: Direction,
  visit: (service: string) => Promise<void>,
  options: TraverseOptions = {},
): Promise<TraverseResult> {
  const services = graph.order.filter((s) => options.services?.has(s) ?? true)
  const inSet = new Set(services)
  const waitsOn = (s: string): string[] => {
    const next = direction === 'up' ? [...(graph.dependencies.get(s)?.keys() ?? [])] : [...(graph.dependents.get(s) ?? [])]
    return next.filter((n) => inSet.has(n))
  }
  const limit = createLimiter(options.limit)
  const result: TraverseResult = { done: [], failed: [], skipped: [] }
  const runs = new Map<string, Promise<boolean>>()
  const run = (s: string): Promise<boolean> => {
    let p = runs.get(s)
    if (p !== undefined) return p
    p = (async () => {
      const before = await Promise.all(waitsOn(s).map(async (n) => [n, await run(n)] as const))
      const bad = before.find(([, ok]) => !ok)
      if (bad !== undefined) {
        result.skipped.push({ service: s, because: bad[0] })
        return false
      }
      if (options.signal?.aborted === true) {
        result.skipped.push({ service: s, because: 'aborted' })
        return false
      }
      try {
        await limit(() => visit(s))
        result.done.push(s)
        return true
      } catch (error) {
        result.failed.push({ service: s, error })
        return false
      }
    })()
    runs.set(s, p)
    return p
  }
  await Promise.all(services.map(run))
  return result
}
