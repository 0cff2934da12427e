/**
 * Long operations (up, down, start, stop, restart, pull, build) and exec. One long operation
 * per project at a time (409 otherwise). With `Accept: text/event-stream` or
 * `application/x-ndjson` the progress is streamed and the outcome is the last event;
 * otherwise the answer is `{ok: true}` once done. A client disconnect aborts the operation.
 */
import * as v from 'valibot'
import type { ComposeEvent } from '../../../core/events.ts'
import { OPERATIONS, type Operation, type OperationName } from '../api.ts'
import { createChannel } from '../../../core/commands/_channel.ts'
import { jsonResponse } from '../errors.ts'
import { BuildBody, DownBody, ExecBody, ExecResultSchema, PullBody, RestartBody, StartBody, StopBody, UpBody } from '../schemas.ts'
import { negotiateStream, streamResponse, type StreamItem } from '../stream.ts'
import { defineRoute, projectOf, type RouteDef, type Schema } from './define.ts'

const BODIES: Record<OperationName, Schema> = {
  up: UpBody,
  down: DownBody,
  start: StartBody,
  stop: StopBody,
  restart: RestartBody,
  pull: PullBody,
  build: BuildBody,
}

const SUMMARIES: Record<OperationName, string> = {
  up: 'Create and start the containers (like `docker compose up -d`)',
  down: 'Stop and remove the containers and networks',
  start: 'Start existing containers',
  stop: 'Stop running containers',
  restart: 'Restart containers',
  pull: 'Pull the images of the services',
  build: 'Build the images of the services',
}

/** A progress event as sent to clients (an error's `error` object stays on the server). */
function wire(event: ComposeEvent): Record<string, unknown> {
  if (event.type === 'error') return { type: 'error', message: event.message, ...(event.source === undefined ? {} : { source: event.source }) }
  return { ...event }
}

function progressText(event: ComposeEvent): string {
  if (event.type === 'progress') return `${event.id} ${event.status}${event.detail === undefined ? '' : ` ${event.detail}`}`
  return `${event.type}: ${event.message}`
}

function operationRoute(name: OperationName): RouteDef {
  return defineRoute({
    method: 'POST',
    path: `/v1/projects/:project/${name}`,
    summary: SUMMARIES[name],
    auth: true,
    body: BODIES[name],
    response: { description: 'Done: {ok: true}; streamed: progress events, then a result or error event', schema: v.object({ ok: v.literal(true) }), streams: ['sse', 'ndjson'] },
    async handle(input) {
      const project = projectOf(input)
      const api = input.deps.api
      const run = (api[name] as unknown as Operation<unknown>).bind(api)
      const label = project.name ?? project.ref
      const release = input.deps.locks.acquire(project.workingDir, name, label)
      const format = negotiateStream(input.c.req.header('accept'), undefined)
      const signal = input.abort.signal
      if (format === undefined) {
        try {
          await run(project, input.body, signal, () => {})
        } finally {
          release()
        }
        return jsonResponse({ ok: true }, 200)
      }
      const channel = createChannel<StreamItem>()
      Promise.resolve()
        .then(() => run(project, input.body, signal, (event) => channel.push({ event: 'progress', data: wire(event), text: progressText(event) })))
        .then(
          () => {
            channel.push({ event: 'result', data: { type: 'result', ok: true }, text: `${name}: done` })
            channel.end()
          },
          (error: unknown) => channel.fail(error),
        )
        .finally(release)
      return streamResponse(channel, { format, abort: input.abort })
    },
  })
}

export const operationRoutes: RouteDef[] = OPERATIONS.map(operationRoute)

export const execRoute = defineRoute({
  method: 'POST',
  path: '/v1/projects/:project/exec',
  summary: 'Run a command in a running service container (non-interactive) and return its exit code and output',
  auth: true,
  body: ExecBody,
  response: { description: 'Exit code and output of the command', schema: ExecResultSchema },
  async handle(input) {
    return jsonResponse(await input.deps.api.exec(projectOf(input), input.body, input.abort.signal), 200)
  },
})
