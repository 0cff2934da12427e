/**
 * Prints container output as docker compose does (cmd/formatter/logs.go, colors.go):
 * `web-1  | line`, the names padded to the longest name registered so far plus one, each
 * container in the next colour of compose's rainbow (colours only when `color` is on), stdout
 * lines on stdout and stderr lines on stderr, `--timestamps` before the line and
 * `--no-log-prefix` without the prefix. Used by attached `up` and by `logs`.
 */
import type { LogEntry } from '../../../core/commands/_log-lines.ts'
import type { CliIo } from '../io.ts'

export type { LogEntry } from '../../../core/commands/_log-lines.ts'

export interface LogPrinterOptions {
  /** `name | ` before each line (false with `--no-log-prefix`). */
  prefix: boolean
  /** ANSI colours (io.color, and not `--no-color`). */
  color: boolean
  /** Print each line's timestamp (the engine's, else the time it is printed). */
  timestamps: boolean
}

export interface LogPrinter {
  /** Prints one line of output. */
  write(entry: LogEntry): void
  /** Prints a status line in the container's colour: `web-1 exited with code 0`. */
  status(container: string, message: string): void
  /** Reserves a colour and a prefix width for a container before its first line. */
  register(container: string): void
  /** Drops whatever is written afterwards. */
  close(): void
}

/** docker compose's rainbow: cyan, yellow, green, magenta, blue, then their bold variants. */
export const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'] as const

export function colorize(code: string, text: string): string {
  return `\u001b[${code}m${text}\u001b[0m`
}

/** Go's RFC3339NanoFixed (in UTC). */
export function nanoTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')
}

export function createLogPrinter(io: CliIo, options: LogPrinterOptions): LogPrinter {
  const presenters = new Map<string, { color: string | undefined; prefix: string }>()
  let next = 0
  let width = 0
  let closed = false
  const paint = (color: string | undefined, text: string): string => (color === undefined ? text : colorize(color, text))

  const register = (name: string): { color: string | undefined; prefix: string } => {
    const known = presenters.get(name)
    if (known !== undefined) return known
    const color = options.color ? RAINBOW[next++ % RAINBOW.length] : undefined
    const presenter = { color, prefix: '' }
    presenters.set(name, presenter)
    if (options.prefix) {
      width = Math.max(width, name.length + 1)
      for (const [n, p] of presenters) p.prefix = paint(p.color, `${n.padEnd(width)} | `)
    }
    return presenter
  }

  return {
    register: (name) => void register(name),
    write(entry) {
      if (closed) return
      const p = register(entry.container)
      const time = options.timestamps ? `${entry.timestamp ?? nanoTimestamp()} ` : ''
      const out = entry.stream === 'stderr' ? io.stderr : io.stdout
      out.write(`${p.prefix}${time}${entry.line}\n`)
    },
    status(name, message) {
      if (closed) return
      const p = register(name)
      io.stdout.write(`${paint(p.color, `${name} ${message}`)}\n`)
    },
    close() {
      closed = true
    },
  }
}
