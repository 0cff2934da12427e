/**
 * Container endpoints: lifecycle calls here; output streams (logs, attach, stats, export) in
 * ./container-streams.ts and the file system (archive) in ./container-archive.ts, re-exported.
 * Every call resolves when the engine has done the work, and throws a ComposeError otherwise.
 */
import type { EngineClient } from '../client.ts'
import type {
  ContainerChange,
  ContainerCreateBody,
  ContainerInspect,
  ContainerSummary,
  ContainerTopResponse,
  ContainerUpdateResponse,
  ContainerWaitResponse,
  CreateResponse,
  EngineFilters,
  PruneResponse,
  Resources,
  RestartPolicy,
  WaitCondition,
} from '../types.ts'
import { encodeFilters, seg, withSignal, type Abortable } from './_shared.ts'

export * from './container-streams.ts'
export * from './container-archive.ts'

const what = (id: string): string => `container "${id}"`

export interface ListContainersOptions extends Abortable {
  /** Include stopped containers (default: running only, as the engine does). */
  all?: boolean
  limit?: number
  size?: boolean
  filters?: EngineFilters
}

export function listContainers(client: EngineClient, options: ListContainersOptions = {}): Promise<ContainerSummary[]> {
  return client.json<ContainerSummary[]>({
    method: 'GET',
    path: '/containers/json',
    query: { all: options.all, limit: options.limit, size: options.size, filters: encodeFilters(options.filters) },
    ...withSignal(options),
  })
}

export interface CreateContainerOptions extends Abortable {
  name?: string
  /** `os[/arch[/variant]]` of the image to use (API 1.41). */
  platform?: string
}

export function createContainer(client: EngineClient, body: ContainerCreateBody, options: CreateContainerOptions = {}): Promise<CreateResponse> {
  return client.json<CreateResponse>(
    { method: 'POST', path: '/containers/create', query: { name: options.name, platform: options.platform }, body, ...withSignal(options) },
    { what: options.name === undefined ? `container from image "${body.Image ?? ''}"` : what(options.name) },
  )
}

export interface InspectContainerOptions extends Abortable {
  size?: boolean
}

export function inspectContainer(client: EngineClient, id: string, options: InspectContainerOptions = {}): Promise<ContainerInspect> {
  return client.json<ContainerInspect>({ method: 'GET', path: `/containers/${seg(id)}/json`, query: { size: options.size }, ...withSignal(options) }, { what: what(id) })
}

/** Starts a container; one that already runs (304) is fine. */
export async function startContainer(client: EngineClient, id: string, options: Abortable = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/start`, ...withSignal(options) }, { what: what(id), okStatuses: [304] })
}

export interface StopContainerOptions extends Abortable {
  /** Seconds to wait before killing (default: the container's StopTimeout, else 10). */
  timeout?: number
}

/** Stops a container and resolves once it has stopped; a stopped one (304) is fine. */
export async function stopContainer(client: EngineClient, id: string, options: StopContainerOptions = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/stop`, query: { t: options.timeout }, ...withSignal(options) }, { what: what(id), okStatuses: [304] })
}

export async function restartContainer(client: EngineClient, id: string, options: StopContainerOptions = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/restart`, query: { t: options.timeout }, ...withSignal(options) }, { what: what(id) })
}

export interface KillContainerOptions extends Abortable {
  /** `SIGKILL` (default), `SIGTERM`, `HUP`, `9`, ... (`signal` is the AbortSignal). */
  killSignal?: string
}

export async function killContainer(client: EngineClient, id: string, options: KillContainerOptions = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/kill`, query: { signal: options.killSignal }, ...withSignal(options) }, { what: what(id) })
}

export async function pauseContainer(client: EngineClient, id: string, options: Abortable = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/pause`, ...withSignal(options) }, { what: what(id) })
}

export async function unpauseContainer(client: EngineClient, id: string, options: Abortable = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/unpause`, ...withSignal(options) }, { what: what(id) })
}

export interface RemoveContainerOptions extends Abortable {
  /** Kill a running container first. */
  force?: boolean
  /** Remove anonymous volumes too. */
  volumes?: boolean
  link?: boolean
}

export async function removeContainer(client: EngineClient, id: string, options: RemoveContainerOptions = {}): Promise<void> {
  await client.send(
    { method: 'DELETE', path: `/containers/${seg(id)}`, query: { force: options.force, v: options.volumes, link: options.link }, ...withSignal(options) },
    { what: what(id) },
  )
}

export interface WaitContainerOptions extends Abortable {
  /** `not-running` (default), `next-exit` or `removed`. */
  condition?: WaitCondition
}

/**
 * Resolves when the container reaches the condition, with its exit status. `Error` is present
 * only when the engine reported one (an `Error: null` from the engine is dropped).
 */
export async function waitContainer(client: EngineClient, id: string, options: WaitContainerOptions = {}): Promise<ContainerWaitResponse> {
  const res = await client.json<{ StatusCode: number; Error?: { Message?: string } | null }>(
    { method: 'POST', path: `/containers/${seg(id)}/wait`, query: { condition: options.condition }, ...withSignal(options) },
    { what: what(id) },
  )
  const message = res.Error?.Message
  return message === undefined || message === '' ? { StatusCode: res.StatusCode } : { StatusCode: res.StatusCode, Error: { Message: message } }
}

export interface TopOptions extends Abortable {
  /** `ps` arguments (default `-ef`). */
  psArgs?: string
}

export function topContainer(client: EngineClient, id: string, options: TopOptions = {}): Promise<ContainerTopResponse> {
  return client.json<ContainerTopResponse>({ method: 'GET', path: `/containers/${seg(id)}/top`, query: { ps_args: options.psArgs }, ...withSignal(options) }, { what: what(id) })
}

export async function renameContainer(client: EngineClient, id: string, name: string, options: Abortable = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/rename`, query: { name }, ...withSignal(options) }, { what: what(id) })
}

/** Body of `POST /containers/{id}/update`: resources and the restart policy. */
export interface ContainerUpdateBody extends Resources {
  RestartPolicy?: RestartPolicy
}

export function updateContainer(client: EngineClient, id: string, body: ContainerUpdateBody, options: Abortable = {}): Promise<ContainerUpdateResponse> {
  return client.json<ContainerUpdateResponse>({ method: 'POST', path: `/containers/${seg(id)}/update`, body, ...withSignal(options) }, { what: what(id) })
}

export async function containerChanges(client: EngineClient, id: string, options: Abortable = {}): Promise<ContainerChange[]> {
  const changes = await client.json<ContainerChange[] | null>({ method: 'GET', path: `/containers/${seg(id)}/changes`, ...withSignal(options) }, { what: what(id) })
  return changes ?? []
}

export interface ResizeOptions extends Abortable {
  height: number
  width: number
}

/** Resizes the TTY of a container (its `Tty` must be true). */
export async function resizeContainer(client: EngineClient, id: string, options: ResizeOptions): Promise<void> {
  await client.send({ method: 'POST', path: `/containers/${seg(id)}/resize`, query: { h: options.height, w: options.width }, ...withSignal(options) }, { what: what(id) })
}

export interface PruneContainersOptions extends Abortable {
  filters?: EngineFilters
}

export function pruneContainers(client: EngineClient, options: PruneContainersOptions = {}): Promise<PruneResponse> {
  return client.json<PruneResponse>({ method: 'POST', path: '/containers/prune', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
}
