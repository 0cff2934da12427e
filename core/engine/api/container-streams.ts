/**
 * Container output streams: logs, attach (output-only or with stdin), stats and export.
 * Each call resolves once the engine accepted the request (so nothing written after that is
 * missed) and gives an AsyncIterable; aborting the signal ends the iteration quietly.
 */
import type { EngineClient } from '../client.ts'
import { ndjson } from '../ndjson.ts'
import type { StreamFrame } from '../demux.ts'
import type { ContainerInspect, ContainerStats } from '../types.ts'
import { toAttached, type AttachedStream } from './_attached.ts'
import { frames, seg, unixTime, withSignal, type Abortable } from './_shared.ts'

export { collectOutput, type AttachedStream } from './_attached.ts'

const what = (id: string): string => `container "${id}"`

/** Whether the container has a TTY (its output is then raw, not multiplexed). */
async function hasTty(client: EngineClient, id: string, known: boolean | undefined, signal: AbortSignal | undefined): Promise<boolean> {
  if (known !== undefined) return known
  const inspect = await client.json<ContainerInspect>({ method: 'GET', path: `/containers/${seg(id)}/json`, ...withSignal({ signal }) }, { what: what(id) })
  return inspect.Config.Tty === true
}

export interface LogsOptions extends Abortable {
  /** Keep the stream open and pass on new output until the container stops or the signal aborts. */
  follow?: boolean
  /** Only output since (after) this time: a Date or unix seconds. */
  since?: number | Date
  until?: number | Date
  /** Number of lines from the end, or `all` (default). */
  tail?: number | 'all'
  timestamps?: boolean
  /** Default true. */
  stdout?: boolean
  /** Default true. */
  stderr?: boolean
  /** Whether the container has a TTY; asked from the engine when not given. */
  tty?: boolean
}

export async function containerLogs(client: EngineClient, id: string, options: LogsOptions = {}): Promise<AsyncIterable<StreamFrame>> {
  const tty = await hasTty(client, id, options.tty, options.signal)
  const res = await client.request(
    {
      method: 'GET',
      path: `/containers/${seg(id)}/logs`,
      query: {
        follow: options.follow,
        since: unixTime(options.since),
        until: unixTime(options.until),
        tail: options.tail === undefined ? undefined : String(options.tail),
        timestamps: options.timestamps,
        stdout: options.stdout ?? true,
        stderr: options.stderr ?? true,
      },
      ...withSignal(options),
    },
    { what: what(id) },
  )
  return frames(res.body, tty)
}

export interface AttachOptions extends Abortable {
  /** Replay the output written so far before streaming. */
  logs?: boolean
  /** Default true. */
  stdout?: boolean
  /** Default true. */
  stderr?: boolean
  detachKeys?: string
  tty?: boolean
}

function attachQuery(options: AttachOptions, stdin: boolean): Record<string, string | boolean | undefined> {
  return {
    stream: true,
    stdin,
    stdout: options.stdout ?? true,
    stderr: options.stderr ?? true,
    logs: options.logs,
    detachKeys: options.detachKeys,
  }
}

/** Attaches to a container's output with a plain request (no hijack; works on every transport). */
export async function attachContainerOutput(client: EngineClient, id: string, options: AttachOptions = {}): Promise<AsyncIterable<StreamFrame>> {
  const tty = await hasTty(client, id, options.tty, options.signal)
  const res = await client.request({ method: 'POST', path: `/containers/${seg(id)}/attach`, query: attachQuery(options, false), ...withSignal(options) }, { what: what(id) })
  return frames(res.body, tty)
}

export interface AttachStdinOptions extends AttachOptions {
  /** Attach stdin (default true; the container needs `OpenStdin`). */
  stdin?: boolean
}

/**
 * Attaches with stdin over a hijacked connection. With `OpenStdin` and `StdinOnce` on the
 * container, `closeWrite()` closes its stdin, so a `cat` ends and the output with it.
 */
export async function attachContainer(client: EngineClient, id: string, options: AttachStdinOptions = {}): Promise<AttachedStream> {
  const tty = await hasTty(client, id, options.tty, options.signal)
  const query = attachQuery(options, options.stdin ?? true)
  const stream = await client.hijack({ method: 'POST', path: `/containers/${seg(id)}/attach`, query, ...withSignal(options) }, { what: what(id) })
  return toAttached(stream, tty)
}

/** One sample of resource usage (`stream=false`); `oneShot` skips the second CPU sample. */
export async function containerStats(client: EngineClient, id: string, options: Abortable & { oneShot?: boolean } = {}): Promise<ContainerStats> {
  return client.json<ContainerStats>(
    { method: 'GET', path: `/containers/${seg(id)}/stats`, query: { stream: false, 'one-shot': options.oneShot }, ...withSignal(options) },
    { what: what(id) },
  )
}

/** A sample about every second until the container stops or the signal aborts. */
export async function containerStatsStream(client: EngineClient, id: string, options: Abortable = {}): Promise<AsyncIterable<ContainerStats>> {
  const res = await client.request({ method: 'GET', path: `/containers/${seg(id)}/stats`, query: { stream: true }, ...withSignal(options) }, { what: what(id) })
  return ndjson<ContainerStats>(res.body)
}

/** The container's file system as a tar stream (read it with `readTar`). */
export async function exportContainer(client: EngineClient, id: string, options: Abortable = {}): Promise<AsyncIterable<Uint8Array>> {
  const res = await client.request({ method: 'GET', path: `/containers/${seg(id)}/export`, ...withSignal(options) }, { what: what(id) })
  return res.body
}
