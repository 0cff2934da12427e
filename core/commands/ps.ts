/**
 * `ps`: the project's containers, from labels only (docker/compose pkg/compose/ps.go). Health and
 * exit code come from the engine's `Status` text (`Up 3s (healthy)`, `Exited (137) 2s ago`), so
 * listing costs one Engine call however many containers there are (docker compose inspects each).
 */
import type { EngineClient } from '../engine/client.ts'
import type { ContainerPort, ContainerStatus, ContainerSummary } from '../engine/types.ts'
import { ComposeError } from '../errors.ts'
import { PROJECT_LABEL } from '../converge/labels.ts'
import type { RunContext } from '../converge/run-context.ts'
import { canonicalName, checkServices, listProjectContainers, projectNameOf, projectOf, serviceOfContainer, type ProjectRef } from './_read.ts'

export const CONTAINER_STATES: readonly ContainerStatus[] = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited']

export interface PsOptions {
  /** Services to list (default all). */
  services?: string[]
  /** `-a`: stopped and one-off containers too. */
  all?: boolean
  /** `--status` / `--filter status=…`: only these states (implies all). */
  status?: string[]
  /** `--orphans` (default true): list containers of services the project no longer declares. */
  orphans?: boolean
}

/** docker compose `api.PortPublisher`. */
export interface PortPublisher {
  URL: string
  TargetPort: number
  PublishedPort: number
  Protocol: string
}

export type HealthStatus = '' | 'starting' | 'healthy' | 'unhealthy'

/** docker compose `api.ContainerSummary`. */
export interface PsEntry {
  ID: string
  Name: string
  Names: string[]
  Image: string
  Command: string
  Project: string
  Service: string
  /** Unix seconds. */
  Created: number
  State: ContainerStatus
  Status: string
  Health: HealthStatus
  ExitCode: number
  Publishers: PortPublisher[]
  Labels: Record<string, string>
  Mounts: string[]
  Networks: string[]
  LocalVolumes: number
}

/** `--filter KEY=VAL` → status values (the only filter docker compose knows). */
export function parsePsFilter(filter: string | undefined): string[] {
  if (filter === undefined || filter === '') return []
  const eq = filter.indexOf('=')
  if (eq < 0) throw new ComposeError('QUERY_INVALID', 'arguments to --filter should be in form KEY=VAL')
  const key = filter.slice(0, eq)
  if (key === 'status') return [filter.slice(eq + 1)]
  if (key === 'source') throw new ComposeError('QUERY_INVALID', 'filter "source" is not implemented')
  throw new ComposeError('QUERY_INVALID', `unknown filter ${key}`)
}

export async function ps(client: EngineClient, ref: ProjectRef, options: PsOptions = {}, ctx: RunContext = {}): Promise<PsEntry[]> {
  const requested = options.services ?? []
  checkServices(ref, requested)
  const project = projectOf(ref)
  let services = requested
  if (requested.length === 0 && options.orphans === false && project !== undefined) services = Object.keys(project.services)
  const status = options.status ?? []
  for (const s of status) {
    if (!(CONTAINER_STATES as readonly string[]).includes(s)) throw new ComposeError('QUERY_INVALID', `invalid status "${s}"`, { hint: `use one of: ${CONTAINER_STATES.join(', ')}` })
  }
  const all = options.all === true || status.length > 0
  // a project declaring no service lists nothing when orphans are excluded
  if (services.length === 0 && options.orphans === false && project !== undefined) return []
  const list = await listProjectContainers(client, projectNameOf(ref), {
    oneOff: all ? 'include' : 'exclude',
    all,
    services,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  })
  const entries = list.map(toPsEntry).filter((e) => status.length === 0 || status.includes(e.State))
  return entries.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
}

export function toPsEntry(c: ContainerSummary): PsEntry {
  const labels = c.Labels ?? {}
  const mounts = (c.Mounts ?? []).map((m) => (m.Name === undefined || m.Name === '' ? m.Source : m.Name))
  return {
    ID: c.Id,
    Name: canonicalName(c),
    Names: c.Names,
    Image: c.Image,
    Command: c.Command,
    Project: labels[PROJECT_LABEL] ?? '',
    Service: serviceOfContainer(c),
    Created: c.Created,
    State: c.State,
    Status: c.Status,
    Health: c.State === 'running' ? healthFromStatus(c.Status) : '',
    ExitCode: c.State === 'exited' || c.State === 'dead' ? exitCodeFromStatus(c.Status) : 0,
    Publishers: toPublishers(c.Ports ?? []),
    Labels: labels,
    Mounts: mounts,
    Networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    LocalVolumes: (c.Mounts ?? []).filter((m) => m.Driver === 'local').length,
  }
}

/** The engine writes `(healthy)`, `(unhealthy)` or `(health: starting)` after the uptime. */
export function healthFromStatus(status: string): HealthStatus {
  if (status.endsWith('(healthy)')) return 'healthy'
  if (status.endsWith('(unhealthy)')) return 'unhealthy'
  if (status.endsWith('(health: starting)')) return 'starting'
  return ''
}

export function exitCodeFromStatus(status: string): number {
  const m = /^Exited \((-?\d+)\)/.exec(status)
  return m === null ? 0 : Number(m[1])
}

/** Sorted by private port, as docker compose does. */
export function toPublishers(ports: readonly ContainerPort[]): PortPublisher[] {
  return [...ports]
    .sort((a, b) => a.PrivatePort - b.PrivatePort)
    .map((p) => ({ URL: p.IP ?? '', TargetPort: p.PrivatePort, PublishedPort: p.PublicPort ?? 0, Protocol: p.Type }))
}
