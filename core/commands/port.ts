/**
 * `port SERVICE PRIVATE_PORT`: the host address a container port is published on
 * (docker/compose pkg/compose/port.go). The container is the service's replica `index`
 * (default: the lowest number; one-off containers last), running ones only.
 */
import type { EngineClient } from '../engine/client.ts'
import type { ContainerPort, ContainerSummary } from '../engine/types.ts'
import { ComposeError } from '../errors.ts'
import type { RunContext } from '../converge/run-context.ts'
import { canonicalName, checkServices, projectNameOf, specifiedContainer, type ProjectRef } from './_read.ts'

export interface PortOptions {
  /** `--protocol` (default `tcp`). */
  protocol?: string
  /** `--index`: replica number (default: the first). */
  index?: number
}

export interface PortResult {
  /** Host IP (`0.0.0.0`, `127.0.0.1`, `::`). */
  ip: string
  port: number
  container: string
}

export async function port(client: EngineClient, ref: ProjectRef, service: string, privatePort: number, options: PortOptions = {}, ctx: RunContext = {}): Promise<PortResult> {
  if (!Number.isInteger(privatePort) || privatePort < 0 || privatePort > 65535) throw new ComposeError('QUERY_INVALID', `invalid port "${privatePort}"`)
  checkServices(ref, [service])
  const container = await specifiedContainer(client, projectNameOf(ref), service, {
    oneOff: 'include',
    all: false,
    ...(options.index === undefined ? {} : { index: options.index }),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  })
  return findPublished(container, privatePort, (options.protocol ?? 'tcp').toLowerCase())
}

/** The first binding of `privatePort/protocol` in the engine's list; an error naming the container's ports otherwise. */
export function findPublished(container: Pick<ContainerSummary, 'Id' | 'Names' | 'Ports'>, privatePort: number, protocol: string): PortResult {
  const ports: readonly ContainerPort[] = container.Ports ?? []
  const name = canonicalName(container)
  for (const p of ports) {
    if (p.PrivatePort === privatePort && p.Type === protocol && p.PublicPort !== undefined && p.PublicPort !== 0) {
      return { ip: p.IP ?? '', port: p.PublicPort, container: name }
    }
  }
  const known = ports.map((p) => `${p.PrivatePort}/${p.Type}`)
  throw new ComposeError('QUERY_NO_PORT', `no port ${privatePort}/${protocol} for container ${name}: ${known.join(', ')}`)
}
