/**
 * What run, exec and attach share: the caller's streams (the core never touches the process or
 * the terminal), pumping stdin into a hijacked connection with EOF passed on, writing output,
 * and following the terminal's size.
 */
import type { AttachedStream } from '../engine/api/_attached.ts'
import type { StreamFrame } from '../engine/demux.ts'

/** A terminal size in character cells. */
export interface TerminalSize {
  rows: number
  columns: number
}

/** The caller's side of an interactive session. */
export interface InteractiveIo {
  /** Bytes for the process's stdin; the end of the iteration is EOF. Absent: no stdin. */
  stdin?: AsyncIterable<Uint8Array>
  stdout(chunk: Uint8Array): void | Promise<void>
  stderr(chunk: Uint8Array): void | Promise<void>
  /** The terminal's size now (TTY sessions). */
  size?(): TerminalSize | undefined
  /** Calls `listener` when the terminal is resized; returns the unsubscribe function. */
  onResize?(listener: () => void): () => void
  /** Calls `listener` with each signal to forward (`SIGINT`, …); returns the unsubscribe function. */
  onSignal?(listener: (signal: string) => void): () => void
}

/** `[height, width]` for the engine's ConsoleSize. */
export function consoleSize(io: InteractiveIo): [number, number] | undefined {
  const size = io.size?.()
  return size === undefined || size.rows <= 0 || size.columns <= 0 ? undefined : [size.rows, size.columns]
}

/**
 * Sends `stdin` to the process, then EOF (half-close) unless `keepOpen`. Returns a stop function:
 * once the output ended nobody wants more input, so the iteration is ended (which releases a TTY).
 */
export function pumpStdin(attached: AttachedStream, stdin: AsyncIterable<Uint8Array> | undefined, options: { closeOnEof: boolean }): { done: Promise<void>; stop: () => void } {
  if (stdin === undefined) return { done: Promise.resolve(), stop: () => {} }
  const iterator = stdin[Symbol.asyncIterator]()
  let stopped = false
  const done = (async () => {
    try {
      for (;;) {
        const next = await iterator.next()
        if (next.done === true || stopped) break
        await attached.write(next.value)
      }
      if (!stopped && options.closeOnEof) await attached.closeWrite()
    } catch (error) {
      if (!stopped && !isBrokenPipe(error)) throw error
    }
  })()
  return {
    done,
    stop: () => {
      if (stopped) return
      stopped = true
      void Promise.resolve(iterator.return?.()).catch(() => undefined)
    },
  }
}

/** Writes frames to the caller's stdout and stderr until the stream ends. */
export async function pumpOutput(output: AsyncIterable<StreamFrame>, io: InteractiveIo): Promise<void> {
  for await (const frame of output) {
    if (frame.stream === 'stderr') await io.stderr(frame.data)
    else await io.stdout(frame.data)
  }
}

/** Keeps the remote TTY at the terminal's size: once now, then on every resize. */
export function followSize(io: InteractiveIo, resize: (size: TerminalSize) => Promise<void>): () => void {
  const apply = (attempt = 0): void => {
    const size = io.size?.()
    if (size === undefined || size.rows <= 0 || size.columns <= 0) return
    // the first resize may come before the process exists: try again a few times
    void resize(size).catch(() => {
      if (attempt < 5) setTimeout(() => apply(attempt + 1), 20 * (attempt + 1))
    })
  }
  apply()
  return io.onResize?.(() => apply()) ?? (() => {})
}

export function isBrokenPipe(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END'
}
