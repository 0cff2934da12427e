/** Network endpoints: list, create, inspect, connect, disconnect, remove, prune. */
import type { EngineClient } from '../client.ts'
import type { EndpointSettings, EngineFilters, NetworkCreateBody, NetworkCreateResponse, NetworkInspect, PruneResponse } from '../types.ts'
import { encodeFilters, seg, withSignal, type Abortable } from './_shared.ts'

const what = (id: string): string => `network "${id}"`

export interface ListNetworksOptions extends Abortable {
  /** `driver`, `id`, `label`, `name`, `scope`, `type`, `dangling`. */
  filters?: EngineFilters
}

export async function listNetworks(client: EngineClient, options: ListNetworksOptions = {}): Promise<NetworkInspect[]> {
  const list = await client.json<NetworkInspect[] | null>({ method: 'GET', path: '/networks', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
  return list ?? []
}

export function createNetwork(client: EngineClient, body: NetworkCreateBody, options: Abortable = {}): Promise<NetworkCreateResponse> {
  return client.json<NetworkCreateResponse>({ method: 'POST', path: '/networks/create', body, ...withSignal(options) }, { what: what(body.Name) })
}

export interface InspectNetworkOptions extends Abortable {
  verbose?: boolean
  scope?: 'local' | 'global' | 'swarm'
}

export function inspectNetwork(client: EngineClient, id: string, options: InspectNetworkOptions = {}): Promise<NetworkInspect> {
  return client.json<NetworkInspect>(
    { method: 'GET', path: `/networks/${seg(id)}`, query: { verbose: options.verbose, scope: options.scope }, ...withSignal(options) },
    { what: what(id) },
  )
}

export interface ConnectNetworkOptions extends Abortable {
  /** Aliases, static addresses, links for this attachment. */
  endpoint?: EndpointSettings
}

export async function connectNetwork(client: EngineClient, network: string, container: string, options: ConnectNetworkOptions = {}): Promise<void> {
  await client.send(
    {
      method: 'POST',
      path: `/networks/${seg(network)}/connect`,
      body: { Container: container, ...(options.endpoint === undefined ? {} : { EndpointConfig: options.endpoint }) },
      ...withSignal(options),
    },
    { what: `connecting container "${container}" to ${what(network)}` },
  )
}

export interface DisconnectNetworkOptions extends Abortable {
  force?: boolean
}

export async function disconnectNetwork(client: EngineClient, network: string, container: string, options: DisconnectNetworkOptions = {}): Promise<void> {
  await client.send(
    { method: 'POST', path: `/networks/${seg(network)}/disconnect`, body: { Container: container, Force: options.force ?? false }, ...withSignal(options) },
    { what: `disconnecting container "${container}" from ${what(network)}` },
  )
}

export async function removeNetwork(client: EngineClient, id: string, options: Abortable = {}): Promise<void> {
  await client.send({ method: 'DELETE', path: `/networks/${seg(id)}`, ...withSignal(options) }, { what: what(id) })
}

export function pruneNetworks(client: EngineClient, options: Abortable & { filters?: EngineFilters } = {}): Promise<PruneResponse> {
  return client.json<PruneResponse>({ method: 'POST', path: '/networks/prune', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
}
