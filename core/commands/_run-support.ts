/** Engine steps of `run` that need more than one call: the wait registered before start, extra networks. */
import { connectNetwork } from '../engine/api/networks.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerWaitResponse, WaitCondition } from '../engine/types.ts'
import type { ExtraNetwork } from '../converge/create-spec.ts'
import type { RunContext } from '../converge/run-context.ts'

/**
 * Registers a wait before the container starts (the engine answers the head at once and the
 * body when the condition is met), so a short-lived or auto-removed container is not missed.
 */
export async function waitRequest(client: EngineClient, id: string, condition: WaitCondition): Promise<() => Promise<ContainerWaitResponse>> {
  const res = await client.request({ method: 'POST', path: `/containers/${encodeURIComponent(id)}/wait`, query: { condition } }, { what: `container "${id}"` })
  return async () => {
    const text = new TextDecoder().decode(await res.bytes())
    const parsed = JSON.parse(text) as { StatusCode: number; Error?: { Message?: string } | null }
    return { StatusCode: parsed.StatusCode, ...(parsed.Error?.Message ? { Error: { Message: parsed.Error.Message } } : {}) }
  }
}

export async function runContainerNetworks(client: EngineClient, extra: readonly ExtraNetwork[], id: string, ctx: RunContext): Promise<void> {
  for (const net of extra) await connectNetwork(client, net.network, id, { endpoint: net.endpoint, ...(ctx.signal ? { signal: ctx.signal } : {}) })
}
