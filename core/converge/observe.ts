/**
 * Observe: the project's containers (stopped and one-off included), networks and volumes, found
 * by the `com.docker.compose.project` label, plus the IDs of the images the services use. All
 * state compose keeps lives in these labels.
 */
import { inspectImage } from '../engine/api/images.ts'
import { listContainers } from '../engine/api/containers.ts'
import { listNetworks } from '../engine/api/networks.ts'
import { listVolumes } from '../engine/api/volumes.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerStatus, ContainerSummary, Labels, MountPoint } from '../engine/types.ts'
import { isComposeError } from '../errors.ts'
import type { Project } from '../model/project.ts'
import { CONFIG_HASH_LABEL, CONTAINER_NUMBER_LABEL, HOOK_LABEL, IMAGE_DIGEST_LABEL, ONEOFF_LABEL, projectFilter, SERVICE_LABEL } from './labels.ts'
import { imageName, trimSlash } from './naming.ts'

export interface ObservedContainer {
  id: string
  name: string
  service: string
  /** Replica number; 0 for one-off containers. */
  number: number
  oneoff: boolean
  state: ContainerStatus
  configHash: string | undefined
  imageDigest: string | undefined
  labels: Labels
  /** Engine names of the networks it is attached to. */
  networks: string[]
  mounts: MountPoint[]
  created: number
}

export interface ObservedResource {
  id: string
  name: string
  labels: Labels
}

export interface ObservedState {
  project: string
  containers: ObservedContainer[]
  /** By engine name: every network/volume the engine has (so foreign ones with our names are seen). */
  networks: Record<string, ObservedResource>
  volumes: Record<string, ObservedResource>
  /** Image reference → image ID; `null` when it is not present locally. */
  images: Record<string, string | null>
}

export function toObservedContainer(c: ContainerSummary): ObservedContainer {
  const labels = c.Labels ?? {}
  return {
    id: c.Id,
    name: trimSlash(c.Names[0] ?? c.Id),
    service: labels[SERVICE_LABEL] ?? '',
    number: Number(labels[CONTAINER_NUMBER_LABEL] ?? 0) || 0,
    oneoff: labels[ONEOFF_LABEL] === 'True',
    state: c.State,
    configHash: labels[CONFIG_HASH_LABEL],
    imageDigest: labels[IMAGE_DIGEST_LABEL],
    labels,
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: c.Mounts ?? [],
    created: c.Created,
  }
}

export interface ObserveOptions {
  signal?: AbortSignal
  /** Also inspect the images of the services (needed by `up`/`create`). */
  images?: boolean
}

/** Only the project's containers (all states), by label. */
export async function observeContainers(client: EngineClient, project: string, signal?: AbortSignal): Promise<ObservedContainer[]> {
  const list = await listContainers(client, { all: true, filters: { label: [projectFilter(project)] }, ...(signal ? { signal } : {}) })
  // a pre_start hook container (kept after a failure) is no container of its service
  return list
    .filter((c) => c.Labels?.[HOOK_LABEL] === undefined)
    .map(toObservedContainer).sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.number - b.number))
}

export async function observe(client: EngineClient, project: Project, options: ObserveOptions = {}): Promise<ObservedState> {
  const sig = options.signal ? { signal: options.signal } : {}
  const refs = options.images === true ? [...new Set(Object.values(project.services).map((s) => imageName(project, s)))] : []
  const [containers, networks, volumes, images] = await Promise.all([
    observeContainers(client, project.name, options.signal),
    listNetworks(client, sig),
    listVolumes(client, sig),
    Promise.all(
      refs.map(async (ref) => {
        try {
          return [ref, (await inspectImage(client, ref, sig)).Id] as const
        } catch (error) {
          if (isComposeError(error, 'ENGINE_NOT_FOUND')) return [ref, null] as const
          throw error
        }
      }),
    ),
  ])
  return {
    project: project.name,
    containers,
    networks: Object.fromEntries(networks.map((n) => [n.Name, { id: n.Id, name: n.Name, labels: n.Labels ?? {} }])),
    volumes: Object.fromEntries(volumes.volumes.map((v) => [v.Name, { id: v.Name, name: v.Name, labels: v.Labels ?? {} }])),
    images: Object.fromEntries(images),
  }
}
