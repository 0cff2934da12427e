/**
 * `logs`: the output of the selected containers as one async iterable of lines, merged in
 * arrival order (docker/compose pkg/compose/logs.go). With `follow`, containers that start
 * later (restart policy, `up` elsewhere) are followed from their start; the iteration ends once
 * no selected container runs any more and its output has been read, or when the signal aborts.
 * (docker compose keeps following a project whose containers are all stopped; we end instead.)
 */
import { containerLogs, inspectContainer } from '../engine/api/containers.ts'
import { streamEvents } from '../engine/api/events.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerSummary, EngineEvent } from '../engine/types.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import { ONEOFF_LABEL, projectFilter, SERVICE_LABEL } from '../converge/labels.ts'
import { displayName } from '../converge/naming.ts'
import type { RunContext } from '../converge/run-context.ts'
import { createChannel } from './_channel.ts'
import { toLogEntries, type LogEntry } from './_log-lines.ts'
import { checkServices, listProjectContainers, nameWithoutProject, projectNameOf, projectOf, serviceOfContainer, specifiedContainer, type ProjectRef } from './_read.ts'
import { toUnixSeconds } from './_time.ts'

export type { LogEntry } from './_log-lines.ts'

export interface LogsOptions {
  /** Services to show (default: every service whose `attach` is not false). */
  services?: string[]
  /** `-f`: keep following until the containers stop. */
  follow?: boolean
  /** `-n, --tail`: lines from the end of each container's log (default all). */
  tail?: number | 'all'
  /** `--since` / `--until`: a duration (`10m`), a timestamp or unix seconds. */
  since?: string
  until?: string
  /** `-t`: the engine's timestamp on each line (`LogEntry.timestamp`). */
  timestamps?: boolean
  /** `--index`: only this replica of the one selected service. */
  index?: number
}

interface Followed {
  id: string
  name: string
  service: string
  alive: boolean
  reading: boolean
  /** When we began reading: a start after this is a new run to read again. */
  readingSince: number
  /** A new run started while the previous output was still being read. */
  again: Date | undefined
}

const ALIVE = new Set(['running', 'restarting', 'paused'])

/** Resolves once the containers are selected (and, with `follow`, the engine's events subscribed). */
export async function logs(client: EngineClient, ref: ProjectRef, options: LogsOptions = {}, ctx: RunContext = {}): Promise<AsyncIterable<LogEntry>> {
  const project = projectNameOf(ref)
  const requested = options.services ?? []
  checkServices(ref, requested)
  if (options.index !== undefined && options.index > 0 && requested.length !== 1) throw new ComposeError('QUERY_INVALID', '--index requires one service to be selected')
  const now = new Date()
  const since = options.since === undefined || options.since === '' ? undefined : toUnixSeconds(options.since, now)
  const until = options.until === undefined || options.until === '' ? undefined : toUnixSeconds(options.until, now)
  const tail = options.tail ?? 'all'
  const timestamps = options.timestamps === true
  const model = projectOf(ref)
  const services = requested.length > 0 || model === undefined ? requested : Object.values(model.services).filter((s) => s.attach !== false).map((s) => s.name)
  const watched = (service: string): boolean => (requested.length === 0 && model === undefined) || services.includes(service)

  const controller = new AbortController()
  const out = createChannel<LogEntry>()
  const onAbort = (): void => {
    controller.abort(ctx.signal?.reason)
    out.end()
  }
  if (ctx.signal?.aborted === true) throw ctx.signal.reason
  ctx.signal?.addEventListener('abort', onAbort, { once: true })
  const signal = controller.signal
  const followed = new Map<string, Followed>()
  let eventsOpen = false

  try {
    const eventStream = options.follow === true ? await streamEvents(client, { filters: { type: ['container'], label: [projectFilter(project), `${ONEOFF_LABEL}=False`] }, signal }) : undefined
    eventsOpen = eventStream !== undefined
    const selected: ContainerSummary[] =
      options.index !== undefined && options.index > 0
        ? [await specifiedContainer(client, project, requested[0] as string, { index: options.index, oneOff: 'exclude', all: true, signal })]
        : (await listProjectContainers(client, project, { oneOff: 'exclude', all: true, services, signal })).filter((c) => watched(serviceOfContainer(c)))

    const finish = (): void => {
      ctx.signal?.removeEventListener('abort', onAbort)
      controller.abort()
      out.end()
    }
    const checkDone = (): void => {
      if (out.ended) return
      for (const f of followed.values()) if (f.reading || (options.follow === true && eventsOpen && f.alive)) return
      finish()
    }
    const read = (f: Followed, from: { since?: number | Date }): void => {
      f.reading = true
      f.readingSince = Date.now()
      void (async () => {
        try {
          const frames = await containerLogs(client, f.id, {
            follow: options.follow === true,
            tail,
            timestamps,
            signal,
            ...(from.since === undefined ? {} : { since: from.since }),
            ...(until === undefined ? {} : { until }),
          })
          for await (const entry of toLogEntries(frames, { container: f.name, service: f.service, timestamps })) out.push(entry)
        } catch (error) {
          if (!signal.aborted && !isComposeError(error, 'ENGINE_NOT_FOUND')) {
            const status = (error as { status?: number }).status
            if (status === 501) ctx.emit?.({ type: 'warning', message: `Can't retrieve logs for "${f.name}": ${error instanceof Error ? error.message : String(error)}` })
            else out.fail(error)
          }
        } finally {
          f.reading = false
          const again = f.again
          f.again = undefined
          if (again !== undefined && f.alive && !signal.aborted) read(f, { since: again })
          checkDone()
        }
      })()
    }

    for (const c of selected) {
      const f: Followed = { id: c.Id, name: nameWithoutProject(c), service: serviceOfContainer(c), alive: ALIVE.has(c.State), reading: false, readingSince: 0, again: undefined }
      followed.set(f.id, f)
      read(f, since === undefined ? {} : { since })
    }

    if (eventStream !== undefined) {
      const handle = async (e: EngineEvent): Promise<void> => {
        const attrs = e.Actor?.Attributes ?? {}
        const service = attrs[SERVICE_LABEL] ?? ''
        if (!watched(service) || (options.index !== undefined && options.index > 0)) return
        let f = followed.get(e.Actor.ID)
        if (e.Action === 'start') {
          const inspect = await inspectContainer(client, e.Actor.ID, { signal }).catch(() => undefined)
          if (inspect === undefined) return
          const startedAt = new Date(inspect.State.StartedAt)
          if (f === undefined) {
            f = { id: e.Actor.ID, name: displayName(project, attrs.name ?? inspect.Name.replace(/^\//, '')), service, alive: true, reading: false, readingSince: 0, again: undefined }
            followed.set(f.id, f)
          }
          f.alive = true
          if (!f.reading) read(f, { since: startedAt })
          else if (startedAt.getTime() > f.readingSince) f.again = startedAt
        } else if (f !== undefined && (e.Action === 'die' || e.Action === 'destroy' || e.Action === 'stop')) {
          const inspect = e.Action === 'destroy' ? undefined : await inspectContainer(client, f.id, { signal }).catch(() => undefined)
          f.alive = inspect !== undefined && (inspect.State.Running || inspect.State.Restarting)
        }
        checkDone()
      }
      void (async () => {
        let chain: Promise<void> = Promise.resolve()
        try {
          for await (const e of eventStream) chain = chain.then(() => handle(e))
          await chain
        } catch (error) {
          if (!signal.aborted) out.fail(error)
        } finally {
          eventsOpen = false
          checkDone()
        }
      })()
    }
    checkDone()
  } catch (error) {
    ctx.signal?.removeEventListener('abort', onAbort)
    controller.abort()
    throw error
  }
  return iterate(out, controller)
}

/** Ends the reads when the consumer stops early (break, throw). */
async function* iterate(out: AsyncIterable<LogEntry>, controller: AbortController): AsyncGenerator<LogEntry> {
  try {
    yield* out
  } finally {
    controller.abort()
  }
}
