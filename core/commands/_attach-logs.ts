/**
 * Attached `up` (compose-features.md 4.11, docker/compose pkg/compose/monitor.go): follows the
 * output of the attached services' containers and watches the project's container events, as
 * one async iterable of log lines, starts and exits. Containers started later (restart policy,
 * a recreate by another `up`, `compose restart`) are followed from their start; the iteration
 * ends once every watched container has stopped and its output has been read.
 *
 * Open the session before `up` (no event is missed), call `start()` after it, then iterate.
 * Events only trigger an inspect: what is reported comes from comparing the container's state
 * with what was already reported, so late, duplicate or reordered events do no harm.
 */
import { attachContainerOutput, containerLogs, inspectContainer, listContainers, type LogsOptions } from '../engine/api/containers.ts'
import { streamEvents } from '../engine/api/events.ts'
import type { EngineClient } from '../engine/client.ts'
import type { StreamFrame } from '../engine/demux.ts'
import type { ContainerState, EngineEvent } from '../engine/types.ts'
import { isComposeError } from '../errors.ts'
import { ONEOFF_LABEL, projectFilter, SERVICE_LABEL } from '../converge/labels.ts'
import { displayName, trimSlash } from '../converge/naming.ts'
import { createChannel } from './_channel.ts'
import { toLogEntries, type LogEntry } from './_log-lines.ts'

export type AttachEvent =
  | { type: 'log'; entry: LogEntry }
  | { type: 'started'; id: string; container: string; service: string; restarting: boolean }
  | { type: 'exited'; id: string; container: string; service: string; exitCode: number; restarting: boolean }

export interface AttachSessionOptions {
  /** Services whose output is followed. */
  attach: readonly string[]
  /** Services whose containers are watched: the session ends when they stopped (default `attach`; empty: all). */
  monitor?: readonly string[]
  /** Give each line the engine's timestamp. */
  timestamps?: boolean
  signal?: AbortSignal
}

/** What `up` did to a container: created it, or started an existing one. */
export type StartedBy = 'created' | 'started'

export interface AttachSession extends AsyncIterable<AttachEvent> {
  /**
   * Call after `up`, with the containers it created or started by engine name: their output is
   * shown from their start, the others' from now on. Resolves with the display names attached to.
   */
  start(startedByUp?: ReadonlyMap<string, StartedBy>): Promise<string[]>
  /** Stops following: the iteration ends. */
  close(): void
}

interface Tracked {
  id: string
  name: string
  service: string
  /** The run and the exit already seen (engine times): a change is a new start or a new exit. */
  startedAt: string
  finishedAt: string
  alive: boolean
  following: boolean
  /** Started again while its previous output stream was still open. */
  refollow: boolean
  /** Exits to report once the output of the current stream has been read, and of the next one. */
  pendingExits: Exit[]
  nextExits: Exit[]
  /** Timestamp of the last line passed on: a new stream continues right after it. */
  lastLine: string | undefined
  /** Where the first stream starts (unix seconds); undefined: all the output. */
  firstSince: number | undefined
}

const NEVER = '0001-01-01T00:00:00Z'

interface Exit {
  exitCode: number
  restarting: boolean
}

/** Unix seconds of an RFC 3339 time with its nanoseconds (a Date keeps only milliseconds). */
export function toSeconds(rfc3339: string): number {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(rfc3339)
  if (m === null) return Date.parse(rfc3339) / 1000
  return Date.parse(`${m[1] ?? ''}${m[3] ?? 'Z'}`) / 1000 + Number(`0.${m[2] ?? '0'}`)
}

const isSet = (rfc3339: string): boolean => rfc3339 !== '' && !rfc3339.startsWith('0001-')

export async function openAttachSession(client: EngineClient, project: string, options: AttachSessionOptions): Promise<AttachSession> {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const signal = controller.signal
  const out = createChannel<AttachEvent>()
  const attach = new Set(options.attach)
  const monitored = new Set(options.monitor ?? options.attach)
  const watches = (service: string): boolean => monitored.size === 0 || monitored.has(service)
  const tracks = (service: string): boolean => watches(service) || attach.has(service)
  const tracked = new Map<string, Tracked>()
  const buffer: EngineEvent[] = []
  /** Exit code of each container's last `die` event. */
  const dieCodes = new Map<string, number>()
  let live = false
  let started = false
  let chain: Promise<void> = Promise.resolve()

  const finish = (): void => {
    options.signal?.removeEventListener('abort', onAbort)
    controller.abort()
    out.end()
  }
  const checkDone = (): void => {
    if (!started || out.ended) return
    // done when the watched containers stopped and their output was read (other streams are cut)
    for (const t of tracked.values()) if (watches(t.service) && (t.alive || t.following)) return
    finish()
  }
  const report = (t: Tracked, exit: Exit): void => {
    out.push({ type: 'exited', id: t.id, container: t.name, service: t.service, ...exit })
  }
  const track = (id: string, name: string, service: string): Tracked => {
    const t: Tracked = { id, name: displayName(project, name), service, startedAt: '', finishedAt: NEVER, alive: false, following: false, refollow: false, pendingExits: [], nextExits: [], lastLine: undefined, firstSince: undefined }
    tracked.set(id, t)
    return t
  }

  /**
   * The container's output through the logs API; a logging driver that keeps nothing to read
   * (`none`) is attached to instead, as docker compose does: what it writes from now on.
   */
  const outputOf = async (id: string, logs: LogsOptions): Promise<{ frames: AsyncIterable<StreamFrame>; timestamps: boolean }> => {
    try {
      return { frames: await containerLogs(client, id, logs), timestamps: true }
    } catch (error) {
      if (!/does not support reading/i.test(error instanceof Error ? error.message : '')) throw error
      return { frames: await attachContainerOutput(client, id, { signal }), timestamps: false }
    }
  }

  const follow = (t: Tracked, first?: { tail: 0 }): void => {
    if (!attach.has(t.service) || signal.aborted) {
      for (const exit of t.pendingExits.splice(0)) report(t, exit)
      return
    }
    t.following = true
    const since = t.lastLine !== undefined ? toSeconds(t.lastLine) + 1e-6 : t.firstSince
    void (async () => {
      try {
        // timestamps always: they tell where a later stream continues
        const { frames, timestamps } = await outputOf(t.id, { follow: true, timestamps: true, signal, ...(first ?? (since === undefined ? {} : { since })) })
        for await (const entry of toLogEntries(frames, { container: t.name, service: t.service, timestamps })) {
          if (entry.timestamp !== undefined) t.lastLine = entry.timestamp
          out.push({ type: 'log', entry: options.timestamps === true ? entry : { container: entry.container, service: entry.service, stream: entry.stream, line: entry.line } })
        }
      } catch (error) {
        if (!signal.aborted && !isComposeError(error, 'ENGINE_NOT_FOUND')) out.push({ type: 'log', entry: { container: t.name, service: t.service, stream: 'stderr', line: `cannot read the output: ${error instanceof Error ? error.message : String(error)}` } })
      } finally {
        t.following = false
        for (const exit of t.pendingExits.splice(0)) report(t, exit)
        if (t.refollow) {
          // the next run's output, even when it has ended already; then its exits
          t.refollow = false
          t.pendingExits = t.nextExits.splice(0)
          follow(t)
        }
        checkDone()
      }
    })()
  }

  /** Compares the container's state with what was seen: reports new exits, follows new starts. */
  const sync = async (t: Tracked, known?: ContainerState): Promise<void> => {
    let state: ContainerState
    try {
      state = known ?? (await inspectContainer(client, t.id, { signal })).State
    } catch {
      t.alive = false
      return
    }
    t.alive = state.Running || state.Restarting
    const exitOnce = (): void => {
      if (state.FinishedAt === t.finishedAt || !isSet(state.FinishedAt)) return
      // a restarted container's ExitCode is 0 again: the die event has the code (wait for it)
      const exitCode = state.Running ? dieCodes.get(t.id) : state.ExitCode
      if (exitCode === undefined) return
      t.finishedAt = state.FinishedAt
      const exit = { exitCode, restarting: t.alive }
      if (t.refollow) t.nextExits.push(exit)
      else if (t.following) t.pendingExits.push(exit)
      else report(t, exit)
    }
    // FinishedAt may be earlier than StartedAt for a quick process: compare changes, not times
    const firstLook = t.startedAt === ''
    const newRun = state.StartedAt !== t.startedAt && isSet(state.StartedAt)
    // the run seen before ended; with a new run that ended too, the exit seen is the new run's
    if (!firstLook && (!newRun || t.alive)) exitOnce()
    if (newRun) {
      t.startedAt = state.StartedAt
      out.push({ type: 'started', id: t.id, container: t.name, service: t.service, restarting: !firstLook })
      if (t.following) t.refollow = true
      else follow(t)
    }
    if (!t.alive) exitOnce() // the current run ended too
  }

  const onEvent = async (e: EngineEvent): Promise<void> => {
    const attrs = e.Actor.Attributes ?? {}
    const service = attrs[SERVICE_LABEL] ?? ''
    if (attrs[ONEOFF_LABEL] === 'True' || !tracks(service)) return
    let t = tracked.get(e.Actor.ID)
    if (t === undefined) {
      if (e.Action !== 'start') return
      t = track(e.Actor.ID, attrs.name ?? e.Actor.ID, service) // created by someone else meanwhile
    }
    if (['start', 'die', 'stop', 'kill', 'restart', 'destroy', 'unpause'].includes(e.Action)) await sync(t)
    checkDone()
  }

  const events = await streamEvents(client, { filters: { type: ['container'], label: [projectFilter(project)] }, signal })
  void (async () => {
    try {
      for await (const e of events) {
        if (e.Action === 'die' && e.Actor.Attributes?.exitCode !== undefined) dieCodes.set(e.Actor.ID, Number(e.Actor.Attributes.exitCode))
        if (!live) buffer.push(e)
        else chain = chain.then(() => onEvent(e))
      }
    } catch (error) {
      if (!signal.aborted) out.fail(error)
    }
  })()

  return {
    [Symbol.asyncIterator]: () => out[Symbol.asyncIterator](),
    close: finish,
    async start(startedByUp = new Map<string, StartedBy>()) {
      const list = await listContainers(client, { all: true, filters: { label: [projectFilter(project), `${ONEOFF_LABEL}=False`] }, signal })
      const names: string[] = []
      for (const c of list) {
        const service = c.Labels?.[SERVICE_LABEL] ?? ''
        if (!tracks(service)) continue
        const name = trimSlash(c.Names[0] ?? c.Id)
        const t = track(c.Id, name, service)
        const inspect = await inspectContainer(client, c.Id, { signal }).catch(() => undefined)
        if (inspect === undefined) continue
        const state = inspect.State
        const by = startedByUp.get(name)
        if (by === undefined) {
          // untouched by `up`: its past is not reported; its output from now on
          Object.assign(t, { startedAt: state.StartedAt, finishedAt: state.FinishedAt, alive: state.Running || state.Restarting, firstSince: isSet(state.StartedAt) ? toSeconds(state.StartedAt) : undefined })
          if (t.alive) follow(t, { tail: 0 })
        } else {
          if (by === 'started') {
            // an existing container: still on its first run since `up` started it, its FinishedAt is a past run's
            const pastExit = inspect.RestartCount === 0 && state.Running && isSet(state.FinishedAt)
            if (pastExit) t.finishedAt = state.FinishedAt
            t.firstSince = pastExit ? toSeconds(state.FinishedAt) + 1e-6 : toSeconds(state.StartedAt) - 0.5
          }
          await sync(t, state)
        }
        // a container this `up` started is attached even if it already exited (a quick job)
        if (attach.has(service) && (t.alive || t.following || by !== undefined)) names.push(t.name)
      }
      live = true
      for (const e of buffer.splice(0)) chain = chain.then(() => onEvent(e))
      await chain
      started = true
      checkDone()
      return names.sort()
    },
  }
}
