/**
 * Exec instances: create, start (detached, output-only, or hijacked with stdin), inspect,
 * resize, and `execRun`, which runs a command to its end and returns its exit code and output.
 */
import type { EngineClient } from '../client.ts'
import { ComposeError } from '../../errors.ts'
import type { StreamFrame } from '../demux.ts'
import type { ExecCreateBody, ExecInspect } from '../types.ts'
import { collectOutput, toAttached, type AttachedStream } from './_attached.ts'
import { frames, seg, sleep, withSignal, type Abortable } from './_shared.ts'

const what = (id: string): string => `exec "${id}"`

/** Creates an exec instance in a running container; returns its id. */
export async function createExec(client: EngineClient, container: string, body: ExecCreateBody, options: Abortable = {}): Promise<string> {
  const res = await client.json<{ Id: string }>(
    { method: 'POST', path: `/containers/${seg(container)}/exec`, body, ...withSignal(options) },
    { what: `container "${container}"` },
  )
  return res.Id
}

export interface StartExecOptions extends Abortable {
  /** Must match the exec's `Tty` (raw output instead of frames). */
  tty?: boolean
  /** Initial TTY size `[height, width]`. */
  consoleSize?: [number, number]
}

function startBody(detach: boolean, options: StartExecOptions): Record<string, unknown> {
  return { Detach: detach, Tty: options.tty ?? false, ...(options.consoleSize === undefined ? {} : { ConsoleSize: options.consoleSize }) }
}

/** Starts the exec detached: resolves once the process started. */
export async function startExec(client: EngineClient, id: string, options: StartExecOptions = {}): Promise<void> {
  await client.send({ method: 'POST', path: `/exec/${seg(id)}/start`, body: startBody(true, options), ...withSignal(options) }, { what: what(id) })
}

/** Starts the exec and streams its output with a plain request (no stdin, no hijack). */
export async function startExecOutput(client: EngineClient, id: string, options: StartExecOptions = {}): Promise<AsyncIterable<StreamFrame>> {
  const res = await client.request({ method: 'POST', path: `/exec/${seg(id)}/start`, body: startBody(false, options), ...withSignal(options) }, { what: what(id) })
  return frames(res.body, options.tty ?? false)
}

/** Starts the exec over a hijacked connection: write stdin, `closeWrite()` for EOF, read output. */
export async function startExecAttached(client: EngineClient, id: string, options: StartExecOptions = {}): Promise<AttachedStream> {
  const stream = await client.hijack({ method: 'POST', path: `/exec/${seg(id)}/start`, body: startBody(false, options), ...withSignal(options) }, { what: what(id) })
  return toAttached(stream, options.tty ?? false)
}

export function inspectExec(client: EngineClient, id: string, options: Abortable = {}): Promise<ExecInspect> {
  return client.json<ExecInspect>({ method: 'GET', path: `/exec/${seg(id)}/json`, ...withSignal(options) }, { what: what(id) })
}

export async function resizeExec(client: EngineClient, id: string, options: Abortable & { height: number; width: number }): Promise<void> {
  await client.send({ method: 'POST', path: `/exec/${seg(id)}/resize`, query: { h: options.height, w: options.width }, ...withSignal(options) }, { what: what(id) })
}

export interface ExecRunOptions extends Abortable {
  /** Sent to the command's stdin, then EOF. Without it the command gets no stdin. */
  stdin?: Uint8Array | string | AsyncIterable<Uint8Array>
  env?: string[]
  user?: string
  workingDir?: string
  privileged?: boolean
  tty?: boolean
  /** How often inspect is asked while the process is still reported running (ms, default 50). */
  pollInterval?: number
}

export interface ExecResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs a command in a running container to its end. A non-zero exit code is a result, not an error. */
export async function execRun(client: EngineClient, container: string, cmd: readonly string[], options: ExecRunOptions = {}): Promise<ExecResult> {
  const withStdin = options.stdin !== undefined
  const tty = options.tty ?? false
  const id = await createExec(
    client,
    container,
    {
      Cmd: [...cmd],
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: tty,
      ...(options.env === undefined ? {} : { Env: options.env }),
      ...(options.user === undefined ? {} : { User: options.user }),
      ...(options.workingDir === undefined ? {} : { WorkingDir: options.workingDir }),
      ...(options.privileged === undefined ? {} : { Privileged: options.privileged }),
    },
    withSignal(options),
  )
  let output: { stdout: string; stderr: string }
  if (options.stdin === undefined) {
    output = await collectOutput(await startExecOutput(client, id, { tty, ...withSignal(options) }))
  } else {
    const attached = await startExecAttached(client, id, { tty, ...withSignal(options) })
    const [, collected] = await Promise.all([feed(attached, options.stdin), collectOutput(attached.output)])
    output = collected
  }
  const exitCode = await exitCodeOf(client, id, options)
  return { exitCode, ...output }
}

async function feed(attached: AttachedStream, stdin: Uint8Array | string | AsyncIterable<Uint8Array>): Promise<void> {
  try {
    if (typeof stdin === 'string' || stdin instanceof Uint8Array) await attached.write(stdin)
    else for await (const chunk of stdin) await attached.write(chunk)
    await attached.closeWrite()
  } catch (error) {
    // the process may exit without reading all its input: its output and exit code tell the story
    const code = (error as { code?: string }).code
    if (code !== 'EPIPE' && code !== 'ECONNRESET' && code !== 'ERR_STREAM_DESTROYED' && code !== 'ERR_STREAM_WRITE_AFTER_END') {
      attached.close()
      throw error
    }
  }
}

/** Polls inspect until the process is reported stopped (usually at once after the output ended). */
async function exitCodeOf(client: EngineClient, id: string, options: ExecRunOptions): Promise<number> {
  const interval = options.pollInterval ?? 50
  const deadline = Date.now() + 30_000
  for (;;) {
    const info = await inspectExec(client, id, withSignal(options))
    if (!info.Running && info.ExitCode !== null) return info.ExitCode
    if (Date.now() > deadline) throw new ComposeError('ENGINE_ERROR', `${what(id)} still reported running 30 s after its output ended`)
    await sleep(interval, options.signal)
  }
}
