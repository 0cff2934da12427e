/**
 * The terminal side of run, exec and attach: the process's stdin (raw mode for a TTY session,
 * restored afterwards), stdout/stderr with back-pressure, the window size and SIGWINCH, and the
 * signals to forward. Only the CLI touches the process; core gets an InteractiveIo.
 */
import { fstatSync, read } from 'node:fs'
import process from 'node:process'
import { isatty } from 'node:tty'
import type { InteractiveIo, TerminalSize } from '../../core/commands/_interactive.ts'

export interface TerminalSession {
  io: InteractiveIo
  /** Puts the terminal back (cooked mode) and stops listening. */
  restore(): void
}

export interface TerminalOptions {
  /** A TTY session: raw stdin, window size followed. */
  tty: boolean
  /** Pass stdin through. */
  stdin: boolean
  /** Signals to forward to the container (run, attach --sig-proxy). */
  forwardSignals?: readonly NodeJS.Signals[]
}

/** Whether the process's stdin is a terminal. */
export function stdinIsTTY(): boolean {
  return process.stdin.isTTY === true
}

/** `stream()` on first output: Node sets a standard stream up when it is first touched (~2–4 ms). */
function writer(stream: () => NodeJS.WriteStream): (chunk: Uint8Array) => Promise<void> | void {
  return (chunk) => {
    if (stream().write(chunk)) return
    return new Promise<void>((resolve) => stream().once('drain', () => resolve()))
  }
}

/**
 * The bytes of stdin. A regular file or a character device that is no terminal (`< dump.sql`,
 * `</dev/null`) never blocks: it is read with node:fs, without the fs.ReadStream Node makes for
 * process.stdin (whose module loads ~5 ms of others). A pipe, a socket or a terminal is read
 * through process.stdin, whose own iterator, ended early (the process exited), releases the
 * terminal at once.
 */
function stdinSource(): { bytes: AsyncIterable<Uint8Array>; stream: boolean } {
  try {
    const stat = fstatSync(0)
    if (stat.isFile() || (stat.isCharacterDevice() && !isatty(0))) return { bytes: readDescriptor(0), stream: false }
  } catch {
    // a runtime without fstat on standard descriptors: the stream knows
  }
  return { bytes: process.stdin as AsyncIterable<Uint8Array>, stream: true }
}

async function* readDescriptor(fd: number): AsyncGenerator<Uint8Array> {
  for (;;) {
    const chunk = new Uint8Array(64 * 1024)
    const n = await new Promise<number>((resolve, reject) => read(fd, chunk, 0, chunk.length, null, (error, bytes) => (error ? reject(error) : resolve(bytes))))
    if (n === 0) return
    yield chunk.subarray(0, n)
  }
}

export function openTerminal(options: TerminalOptions): TerminalSession {
  const raw = options.tty && process.stdin.isTTY === true && typeof process.stdin.setRawMode === 'function'
  if (raw) process.stdin.setRawMode(true)
  const cleanups: (() => void)[] = []
  const stdin = options.stdin ? stdinSource() : undefined
  const io: InteractiveIo = {
    ...(stdin === undefined ? {} : { stdin: stdin.bytes }),
    stdout: writer(() => process.stdout),
    stderr: writer(() => process.stderr),
    size: (): TerminalSize | undefined => (process.stdout.isTTY === true ? { rows: process.stdout.rows, columns: process.stdout.columns } : undefined),
    onResize(listener) {
      process.stdout.on('resize', listener)
      const off = (): void => void process.stdout.off('resize', listener)
      cleanups.push(off)
      return off
    },
    onSignal(listener) {
      const handlers = (options.forwardSignals ?? []).map((signal) => {
        const h = (): void => listener(signal)
        process.on(signal, h)
        return () => void process.off(signal, h)
      })
      const off = (): void => handlers.forEach((h) => h())
      cleanups.push(off)
      return off
    },
  }
  return {
    io,
    restore() {
      for (const c of cleanups) c()
      // process.stdin is set up when first touched (~5 ms for a file): leave it alone if unused
      if (!raw && stdin?.stream !== true) return
      try {
        if (raw) process.stdin.setRawMode(false)
        process.stdin.pause()
      } catch {
        // stdin was already closed
      }
    },
  }
}
