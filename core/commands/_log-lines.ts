/**
 * Container output as lines: the engine gives frames of any size (a frame may hold half a line
 * or many lines), per stream; this splits them into `LogEntry` lines, keeping stdout and stderr
 * apart, and takes the engine's timestamp off each line when it was asked for. Shared by
 * attached `up` and `logs`.
 */
import type { StreamFrame } from '../engine/demux.ts'

/** One line of container output. */
export interface LogEntry {
  /** Display name: the container name minus `<project>-` (`web-1`), or its `container_name`. */
  container: string
  service: string
  stream: 'stdout' | 'stderr'
  /** The line without its end of line. */
  line: string
  /** RFC 3339 time the engine recorded the line at (when timestamps were asked for). */
  timestamp?: string
}

export interface LogLinesOptions {
  container: string
  service: string
  /** The engine was asked for timestamps: each line starts with one and a space. */
  timestamps?: boolean
}

/** Splits frames into lines; a last line without a newline is still given at the end. */
export async function* toLogEntries(frames: AsyncIterable<StreamFrame>, options: LogLinesOptions): AsyncGenerator<LogEntry> {
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() }
  const pending = { stdout: '', stderr: '' }
  for await (const frame of frames) {
    const stream = frame.stream === 'stderr' ? 'stderr' : 'stdout'
    const text = pending[stream] + decoders[stream].decode(frame.data, { stream: true })
    const parts = text.split('\n')
    pending[stream] = parts.pop() ?? ''
    for (const part of parts) yield entry(part, stream, options)
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    const rest = pending[stream] + decoders[stream].decode()
    if (rest.length > 0) yield entry(rest, stream, options)
  }
}

function entry(raw: string, stream: 'stdout' | 'stderr', options: LogLinesOptions): LogEntry {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
  const base = { container: options.container, service: options.service, stream }
  if (options.timestamps === true) {
    const space = line.indexOf(' ')
    const head = space < 0 ? line : line.slice(0, space)
    if (/^\d{4}-\d\d-\d\dT/.test(head)) {
      line = space < 0 ? '' : line.slice(space + 1)
      return { ...base, line, timestamp: head }
    }
  }
  return { ...base, line }
}
