/**
 * Streamed routes. `logs`: Server-Sent Events with `Accept: text/event-stream`, NDJSON with
 * `application/x-ndjson`, plain chunked text otherwise. `events`: SSE (or NDJSON). Both end
 * the engine stream when the client goes away (the request's signal aborts).
 */
import type { LogEntry, ProjectEvent } from '../api.ts'
import { EventsQuery, LogEntrySchema, LogsQuery, ProjectEventSchema } from '../schemas.ts'
import { negotiateStream, streamResponse, type StreamItem } from '../stream.ts'
import { defineRoute, projectOf } from './define.ts'

async function* logItems(entries: AsyncIterable<LogEntry>): AsyncGenerator<StreamItem> {
  for await (const entry of entries) {
    const stamp = entry.timestamp === undefined ? '' : `${entry.timestamp} `
    yield { event: 'log', data: entry, text: `${entry.container} | ${stamp}${entry.message}` }
  }
}

async function* eventItems(events: AsyncIterable<ProjectEvent>): AsyncGenerator<StreamItem> {
  for await (const event of events) {
    yield { event: 'event', data: event, text: `${event.time} ${event.type} ${event.action} ${event.container ?? ''}`.trimEnd() }
  }
}

export const logsRoute = defineRoute({
  method: 'GET',
  path: '/v1/projects/:project/logs',
  summary: 'Output of the containers; follow=true keeps streaming',
  auth: true,
  query: LogsQuery,
  response: { description: 'One entry per line of output', schema: LogEntrySchema, streams: ['sse', 'ndjson', 'text'] },
  async handle(input) {
    const format = negotiateStream(input.c.req.header('accept'), 'text') ?? 'text'
    const release = input.deps.streams.acquire()
    const entries = input.deps.api.logs(projectOf(input), input.query, input.abort.signal)
    return streamResponse(logItems(entries), { format, abort: input.abort, onClose: release })
  },
})

export const eventsRoute = defineRoute({
  method: 'GET',
  path: '/v1/projects/:project/events',
  summary: "Engine events of the project's containers, streamed until the client disconnects",
  auth: true,
  query: EventsQuery,
  response: { description: 'Container events', schema: ProjectEventSchema, streams: ['sse', 'ndjson'] },
  async handle(input) {
    const format = negotiateStream(input.c.req.header('accept'), 'sse') ?? 'sse'
    const release = input.deps.streams.acquire()
    const events = input.deps.api.events(projectOf(input), input.query, input.abort.signal)
    return streamResponse(eventItems(events), { format, abort: input.abort, onClose: release })
  },
})
