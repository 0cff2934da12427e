/**
 * Shared by the read commands (ps, logs, top, port, images, events): which containers belong to
 * a project, found by labels only (compose-features.md 4.1, docker/compose pkg/compose/containers.go),
 * and the names docker compose shows for them. A read command takes either a loaded project or
 * just its name (4.17: `-p` without a compose file).
 */
import { listContainers } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerSummary } from '../engine/types.ts'
import { ComposeError } from '../errors.ts'
import type { Project } from '../model/project.ts'
import { CONFIG_HASH_LABEL, CONTAINER_NUMBER_LABEL, ONEOFF_LABEL, PROJECT_LABEL, projectFilter, SERVICE_LABEL, serviceFilter } from '../converge/labels.ts'

/** A loaded project, or only its name (the commands then work from labels alone). */
export type ProjectRef = Project | string

export function projectNameOf(ref: ProjectRef): string {
  return (typeof ref === 'string' ? ref : ref.name).toLowerCase()
}

export function projectOf(ref: ProjectRef): Project | undefined {
  return typeof ref === 'string' ? undefined : ref
}

/** docker compose `oneOffInclude | oneOffExclude | oneOffOnly`. */
export type OneOff = 'include' | 'exclude' | 'only'

export interface ListProjectOptions {
  oneOff: OneOff
  /** Stopped containers too (the engine lists running ones only by default). */
  all: boolean
  services?: readonly string[]
  /** Only this replica number. */
  index?: number
  signal?: AbortSignal
}

/** The project's containers, filtered by labels on the engine side as docker compose does. */
export async function listProjectContainers(client: EngineClient, project: string, options: ListProjectOptions): Promise<ContainerSummary[]> {
  const label = [projectFilter(project), CONFIG_HASH_LABEL]
  const services = options.services ?? []
  if (services.length === 1) label.push(serviceFilter(services[0] as string))
  if (options.oneOff === 'exclude') label.push(`${ONEOFF_LABEL}=False`)
  if (options.oneOff === 'only') label.push(`${ONEOFF_LABEL}=True`)
  if (options.index !== undefined && options.index > 0) label.push(`${CONTAINER_NUMBER_LABEL}=${options.index}`)
  const list = await listContainers(client, { all: options.all, filters: { label }, ...(options.signal === undefined ? {} : { signal: options.signal }) })
  return services.length > 1 ? list.filter((c) => services.includes(c.Labels?.[SERVICE_LABEL] ?? '')) : list
}

/** The container's own name: the one without a link path (`/foo`, not `/bar/foo`). */
export function canonicalName(c: Pick<ContainerSummary, 'Id' | 'Names'>): string {
  if (c.Names.length === 0) return c.Id.slice(0, 12)
  for (const name of c.Names) if (name.lastIndexOf('/') === 0) return name.slice(1)
  return (c.Names[0] as string).replace(/^\//, '')
}

/**
 * The log prefix: `web-1` for `<project>-web-1` (`web_1` for `<project>_web_1`, named with
 * `--compatibility`), the full name for a `container_name`.
 */
export function nameWithoutProject(c: Pick<ContainerSummary, 'Id' | 'Names' | 'Labels'>): string {
  const project = c.Labels?.[PROJECT_LABEL] ?? ''
  const name = canonicalName(c)
  const parts = [project, c.Labels?.[SERVICE_LABEL] ?? '', c.Labels?.[CONTAINER_NUMBER_LABEL] ?? '']
  return name === parts.join('-') || name === parts.join('_') ? name.slice(project.length + 1) : name
}

export const isOneOff = (c: Pick<ContainerSummary, 'Labels'>): boolean => c.Labels?.[ONEOFF_LABEL] === 'True'
export const serviceOfContainer = (c: Pick<ContainerSummary, 'Labels'>): string => c.Labels?.[SERVICE_LABEL] ?? ''
export const numberOfContainer = (c: Pick<ContainerSummary, 'Labels'>): number => Number(c.Labels?.[CONTAINER_NUMBER_LABEL] ?? 0) || 0

/** Throws `no such service: x` for a name the project does not define (when there is a project). */
export function checkServices(ref: ProjectRef, services: readonly string[]): void {
  const project = projectOf(ref)
  if (project === undefined) return
  for (const s of services) {
    if (project.services[s] === undefined) {
      const disabled = project.disabledServices?.[s] !== undefined
      throw new ComposeError('GRAPH_NO_SUCH_SERVICE', disabled ? `service "${s}" is disabled by its profiles` : `no such service: ${s}`)
    }
  }
}

/**
 * One container of a service, as `port`, `logs --index` and `exec` pick it: the given replica,
 * else the lowest number, one-off containers last (docker compose getSpecifiedContainer).
 */
export async function specifiedContainer(client: EngineClient, project: string, service: string, options: { index?: number; oneOff: OneOff; all: boolean; signal?: AbortSignal }): Promise<ContainerSummary> {
  const list = await listProjectContainers(client, project, { ...options, services: [service] })
  if (list.length === 0) {
    const message = options.index !== undefined && options.index > 0 ? `service "${service}" is not running container #${options.index}` : `service "${service}" is not running`
    throw new ComposeError('QUERY_NO_CONTAINER', message)
  }
  list.sort((a, b) => {
    const ao = isOneOff(a)
    const bo = isOneOff(b)
    if (ao || bo) return ao === bo ? 0 : ao ? 1 : -1
    return numberOfContainer(a) - numberOfContainer(b)
  })
  return list[0] as ContainerSummary
}
