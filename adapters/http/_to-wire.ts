/**
 * The library's results as the HTTP API's JSON shapes (schemas.ts): `ps` entries, log lines,
 * events, and exec output collected up to a size cap. Pure conversions, no compose logic.
 */
import type { LogEntry as CoreLogEntry, ProjectEvent as CoreProjectEvent, PsEntry } from '../../core/commands/read.ts'
import type { ContainerInfo, LogEntry, ProjectEvent } from './api.ts'

export function toContainerInfo(entry: PsEntry): ContainerInfo {
  return {
    id: entry.ID,
    name: entry.Name,
    service: entry.Service,
    image: entry.Image,
    state: entry.State,
    status: entry.Status,
    ...(entry.Health === '' ? {} : { health: entry.Health }),
    ...(entry.State === 'exited' || entry.State === 'dead' ? { exitCode: entry.ExitCode } : {}),
    publishers: entry.Publishers.map((p) => ({
      ...(p.URL === '' ? {} : { url: p.URL }),
      targetPort: p.TargetPort,
      ...(p.PublishedPort === 0 ? {} : { publishedPort: p.PublishedPort }),
      protocol: p.Protocol,
    })),
  }
}

export function toLogEntry(entry: CoreLogEntry): LogEntry {
  return {
    service: entry.service,
    container: entry.container,
    stream: entry.stream,
    message: entry.line,
    ...(entry.timestamp === undefined ? {} : { timestamp: entry.timestamp }),
  }
}

export function toProjectEvent(event: CoreProjectEvent): ProjectEvent {
  return {
    time: event.time.toISOString(),
    type: 'container',
    action: event.action,
    service: event.service,
    container: event.attributes.name ?? event.container,
    attributes: { ...event.attributes, id: event.container },
  }
}

/** Bytes of one output stream, kept up to `limit`; what comes after is read and dropped. */
export interface CappedOutput {
  write(chunk: Uint8Array): void
  text(): string
  readonly truncated: boolean
}

export function capOutput(limit: number): CappedOutput {
  const parts: Uint8Array[] = []
  let size = 0
  let truncated = false
  return {
    write(chunk) {
      const room = limit - size
      if (chunk.length > room) truncated = true
      if (room <= 0) return
      const piece = chunk.length > room ? chunk.slice(0, room) : chunk.slice()
      parts.push(piece)
      size += piece.length
    },
    text() {
      const all = new Uint8Array(size)
      let at = 0
      for (const part of parts) {
        all.set(part, at)
        at += part.length
      }
      // a multi-byte character cut by the cap becomes U+FFFD
      return new TextDecoder().decode(all)
    },
    get truncated() {
      return truncated
    },
  }
}
