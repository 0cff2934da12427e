/** `--wait`: every service running or healthy, or exited 0 when others wait for its completion (4.12). */
import type { EngineClient } from '../engine/client.ts'
import { ComposeError } from '../errors.ts'
import type { ServiceGraph } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import { observeContainers } from '../converge/observe.ts'
import { callHook, type RunContext } from '../converge/run-context.ts'

export async function waitForServices(client: EngineClient, project: Project, graph: ServiceGraph, services: readonly string[], timeoutSeconds: number | undefined, ctx: RunContext): Promise<void> {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(ctx.signal?.reason)
  ctx.signal?.addEventListener('abort', onAbort, { once: true })
  const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => controller.abort(new ComposeError('CONVERGE_WAIT_TIMEOUT', `application not healthy after ${timeoutSeconds}s`)), timeoutSeconds * 1000)
  try {
    const containers = await observeContainers(client, project.name, controller.signal)
    const completion = new Set<string>()
    for (const deps of graph.dependencies.values()) for (const [dep, edge] of deps) if (edge.condition === 'service_completed_successfully') completion.add(dep)
    const sub: RunContext = { ...ctx, signal: controller.signal }
    await Promise.all(
      services.map((service) =>
        callHook(sub, 'service:ready', {
          client,
          project,
          service,
          condition: completion.has(service) ? 'service_completed_successfully' : 'running_or_healthy',
          containers: containers.filter((c) => c.service === service && !c.oneoff).map((c) => c.id),
        }),
      ),
    )
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof ComposeError) throw controller.signal.reason
    throw error
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    ctx.signal?.removeEventListener('abort', onAbort)
  }
}
