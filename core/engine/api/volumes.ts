/** Volume endpoints: list, create, inspect, remove, prune. */
import type { EngineClient } from '../client.ts'
import type { EngineFilters, PruneResponse, VolumeCreateBody, VolumeInspect, VolumeListResponse } from '../types.ts'
import { encodeFilters, seg, withSignal, type Abortable } from './_shared.ts'

const what = (name: string): string => `volume "${name}"`

export interface ListVolumesOptions extends Abortable {
  /** `dangling`, `driver`, `label`, `name`. */
  filters?: EngineFilters
}

export async function listVolumes(client: EngineClient, options: ListVolumesOptions = {}): Promise<{ volumes: VolumeInspect[]; warnings: string[] }> {
  const res = await client.json<VolumeListResponse>({ method: 'GET', path: '/volumes', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
  return { volumes: res.Volumes ?? [], warnings: res.Warnings ?? [] }
}

/** Creates a volume; creating an existing one with the same driver returns it unchanged. */
export function createVolume(client: EngineClient, body: VolumeCreateBody, options: Abortable = {}): Promise<VolumeInspect> {
  return client.json<VolumeInspect>({ method: 'POST', path: '/volumes/create', body, ...withSignal(options) }, { what: what(body.Name ?? '(anonymous)') })
}

export function inspectVolume(client: EngineClient, name: string, options: Abortable = {}): Promise<VolumeInspect> {
  return client.json<VolumeInspect>({ method: 'GET', path: `/volumes/${seg(name)}`, ...withSignal(options) }, { what: what(name) })
}

export interface RemoveVolumeOptions extends Abortable {
  force?: boolean
}

/** Removes a volume; one in use by a container is ENGINE_CONFLICT. */
export async function removeVolume(client: EngineClient, name: string, options: RemoveVolumeOptions = {}): Promise<void> {
  await client.send({ method: 'DELETE', path: `/volumes/${seg(name)}`, query: { force: options.force }, ...withSignal(options) }, { what: what(name) })
}

export function pruneVolumes(client: EngineClient, options: Abortable & { filters?: EngineFilters } = {}): Promise<PruneResponse> {
  return client.json<PruneResponse>({ method: 'POST', path: '/volumes/prune', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
}
