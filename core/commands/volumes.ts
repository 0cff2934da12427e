/**
 * `volumes`: the project's volumes (docker/compose pkg/compose/volumes.go): those carrying the
 * project label; with services named, only those their containers mount.
 */
import { listContainers } from '../engine/api/containers.ts'
import { listVolumes } from '../engine/api/volumes.ts'
import type { EngineClient } from '../engine/client.ts'
import type { VolumeInspect } from '../engine/types.ts'
import { projectFilter } from '../converge/labels.ts'
import type { RunContext } from '../converge/run-context.ts'
import { checkServices, projectNameOf, serviceOfContainer, type ProjectRef } from './_read.ts'

export interface VolumesOptions {
  /** Only the volumes these services' containers mount (default: all of the project's). */
  services?: string[]
}

export async function volumes(client: EngineClient, ref: ProjectRef, options: VolumesOptions = {}, ctx: RunContext = {}): Promise<VolumeInspect[]> {
  const services = options.services ?? []
  checkServices(ref, services)
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const filters = { label: [projectFilter(projectNameOf(ref))] }
  const [listed, containers] = await Promise.all([listVolumes(client, { filters, ...sig }), services.length === 0 ? Promise.resolve([]) : listContainers(client, { all: true, filters, ...sig })])
  const mounted = new Set(containers.filter((c) => services.includes(serviceOfContainer(c))).flatMap((c) => (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name !== undefined).map((m) => m.Name as string)))
  const out = services.length === 0 ? listed.volumes : listed.volumes.filter((v) => mounted.has(v.Name))
  return [...out].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
}
