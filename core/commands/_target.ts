/**
 * Which container of a service a command acts on (docker/compose getSpecifiedContainer): the
 * service's containers by label, service containers before one-offs, then by replica number.
 */
import type { EngineClient } from '../engine/client.ts'
import { listContainers } from '../engine/api/containers.ts'
import { ComposeError } from '../errors.ts'
import { CONTAINER_NUMBER_LABEL, ONEOFF_LABEL, projectFilter, serviceFilter } from '../converge/labels.ts'
import { toObservedContainer, type ObservedContainer } from '../converge/observe.ts'

export interface TargetOptions {
  /** `--index`: the replica number (default: the first). */
  index?: number
  /** Include stopped containers. */
  stopped?: boolean
  /** One-off (`run`) containers: left out, taken along, or the only ones. */
  oneOff?: 'exclude' | 'include' | 'only'
  signal?: AbortSignal
}

/** Every matching container, service containers first, by replica number. */
export async function serviceContainers(client: EngineClient, project: string, service: string, options: TargetOptions = {}): Promise<ObservedContainer[]> {
  const label = [projectFilter(project), serviceFilter(service)]
  if (options.index !== undefined && options.index > 0) label.push(`${CONTAINER_NUMBER_LABEL}=${options.index}`)
  if (options.oneOff === 'exclude' || options.oneOff === undefined) label.push(`${ONEOFF_LABEL}=False`)
  if (options.oneOff === 'only') label.push(`${ONEOFF_LABEL}=True`)
  const list = await listContainers(client, { all: options.stopped === true, filters: { label }, ...(options.signal ? { signal: options.signal } : {}) })
  return list.map(toObservedContainer).sort((a, b) => Number(a.oneoff) - Number(b.oneoff) || a.number - b.number || b.created - a.created)
}

/** The one container a command targets; CONVERGE_NOT_RUNNING when there is none. */
export async function serviceContainer(client: EngineClient, project: string, service: string, options: TargetOptions = {}): Promise<ObservedContainer> {
  const [first] = await serviceContainers(client, project, service, options)
  if (first !== undefined) return first
  const which = options.index !== undefined && options.index > 0 ? ` container #${options.index}` : ''
  throw new ComposeError('CONVERGE_NOT_RUNNING', `service "${service}" is not running${which}`, { hint: `start it first (\`compose up -d ${service}\`)` })
}
