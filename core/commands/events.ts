/**
 * `events`: the engine's event stream for the project's containers (docker/compose
 * pkg/compose/events.go): container events only, one-off containers skipped, compose labels
 * dropped from the attributes. Runs until the signal aborts, or until `until` when given.
 */
import { streamEvents } from '../engine/api/events.ts'
import type { EngineClient } from '../engine/client.ts'
import type { EngineEvent } from '../engine/types.ts'
import { LABEL_PREFIX, ONEOFF_LABEL, projectFilter, SERVICE_LABEL } from '../converge/labels.ts'
import type { RunContext } from '../converge/run-context.ts'
import { checkServices, projectNameOf, type ProjectRef } from './_read.ts'
import { toUnixSeconds } from './_time.ts'

export interface EventsOptions {
  /** Services to report (default all). */
  services?: string[]
  /** Replay events since this time: a duration (`10m`), a timestamp or unix seconds. */
  since?: string
  /** Stop at this time (the stream then ends by itself). */
  until?: string
}

/** docker compose `api.Event`. */
export interface ProjectEvent {
  /** Milliseconds precision; `nanos` has the sub-second part in nanoseconds. */
  time: Date
  nanos: number
  service: string
  /** Container ID. */
  container: string
  /** `create`, `start`, `die`, `health_status: healthy`, … */
  action: string
  /** The actor's attributes without the `com.docker.compose.*` labels (`name`, `image`, `exitCode`, …). */
  attributes: Record<string, string>
}

/** Resolves once the engine is subscribed, so nothing that happens afterwards is missed. */
export async function events(client: EngineClient, ref: ProjectRef, options: EventsOptions = {}, ctx: RunContext = {}): Promise<AsyncIterable<ProjectEvent>> {
  const services = options.services ?? []
  checkServices(ref, services)
  const now = new Date()
  const stream = await streamEvents(client, {
    filters: { label: [projectFilter(projectNameOf(ref))], type: ['container'] },
    ...(options.since === undefined ? {} : { since: toUnixSeconds(options.since, now) }),
    ...(options.until === undefined ? {} : { until: toUnixSeconds(options.until, now) }),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  })
  return project(stream, services)
}

async function* project(stream: AsyncIterable<EngineEvent>, services: readonly string[]): AsyncGenerator<ProjectEvent> {
  for await (const e of stream) {
    const event = toProjectEvent(e)
    if (event === undefined) continue
    if (services.length > 0 && !services.includes(event.service)) continue
    yield event
  }
}

export function toProjectEvent(e: EngineEvent): ProjectEvent | undefined {
  if (e.Type !== 'container') return undefined
  const attrs = e.Actor?.Attributes ?? {}
  if (attrs[ONEOFF_LABEL] === 'True') return undefined
  const attributes: Record<string, string> = {}
  for (const [k, v] of Object.entries(attrs)) if (!k.startsWith(LABEL_PREFIX)) attributes[k] = v
  const seconds = typeof e.time === 'number' ? e.time : Math.floor((e.timeNano ?? 0) / 1e9)
  const nanos = typeof e.timeNano === 'number' && e.timeNano > 0 ? Math.max(0, Math.min(999_999_999, Math.round(e.timeNano - seconds * 1e9))) : 0
  return { time: new Date(seconds * 1000 + Math.floor(nanos / 1e6)), nanos, service: attrs[SERVICE_LABEL] ?? '', container: e.Actor?.ID ?? e.id ?? '', action: e.Action ?? e.status ?? '', attributes }
}
