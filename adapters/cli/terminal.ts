/**
 * The terminal side of run, exec and attach: the process's stdin (raw mode for a TTY session,
 * restored afterwards), stdout/stderr with back-pressure, the window size and SIGWINCH, and the
 * signals to forward. Only the CLI touches the process; core gets an InteractiveIo.
 */
import process from 'node:process'
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

function writer(stream: NodeJS.WriteStream): (chunk: Uint8Array) => Promise<void> | void {
  return (chunk) => {
    if (stream.write(chunk)) return
    return new Promise<void>((resolve) => stream.once('drain', () => resolve()))
  }
}

export function openTerminal(options: TerminalOptions): TerminalSession {
  const raw = options.tty && process.stdin.isTTY === true && typeof process.stdin.setRawMode === 'function'
  if (raw) process.stdin.setRawMode(true)
  const cleanups: (() => void)[] = []
  const io: InteractiveIo = {
    // the stream's own iterator: ending it early (the process exited) releases the terminal at once
    ...(options.stdin ? { stdin: process.stdin as AsyncIterable<Uint8Array> } : {}),
    stdout: writer(process.stdout),
    stderr: writer(process.stderr),
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
      try {
        if (raw) process.stdin.setRawMode(false)
        process.stdin.pause()
      } catch {
        // stdin was already closed
      }
    },
  }
}
