/**
 * A test-only ComposeApi on the real engine for the read and stream routes (ps, logs, events):
 * just enough to drive the HTTP adapter against real engine streams until the library's
 * implementation lands. Counts open log streams so a test can see a disconnect end them.
 */
import { containerLogs, listContainers } from '../../../core/engine/api/containers.ts'
import { streamEvents } from '../../../core/engine/api/events.ts'
import type { EngineClient } from '../../../core/engine/client.ts'
import { SERVICE_LABEL, projectFilter } from '../../../core/converge/labels.ts'
import type { ComposeApi, LogEntry, ProjectRef } from '../../../adapters/http/api.ts'
import { createFakeApi } from '../../../adapters/http/_testing/fake-api.ts'

export interface EngineTestApi extends ComposeApi {
  openLogStreams: number
  endedLogStreams: number
}

function nameOf(project: ProjectRef): string {
  return project.name ?? project.workingDir.split('/').pop() ?? ''
}

export function createEngineTestApi(client: EngineClient): EngineTestApi {
  const fake = createFakeApi()
  const api: EngineTestApi = {
    ...fake,
    openLogStreams: 0,
    endedLogStreams: 0,
    async ps(project, _options, signal) {
      const containers = await listContainers(client, { all: true, filters: { label: [projectFilter(nameOf(project))] }, signal })
      return containers.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        service: c.Labels[SERVICE_LABEL] ?? '',
        image: c.Image,
        state: c.State,
        status: c.Status,
        publishers: [],
      }))
    },
    logs(project, options, signal) {
      return (async function* (): AsyncGenerator<LogEntry> {
        const [c] = await listContainers(client, { all: true, filters: { label: [projectFilter(nameOf(project))] }, signal })
        if (c === undefined) return
        const name = (c.Names[0] ?? '').replace(/^\//, '')
        const frames = await containerLogs(client, c.Id, { follow: options.follow === true, ...(options.tail === undefined ? {} : { tail: options.tail }), signal })
        api.openLogStreams++
        const decoder = new TextDecoder()
        let pending = ''
        try {
          for await (const frame of frames) {
            pending += decoder.decode(frame.data, { stream: true })
            let nl = pending.indexOf('\n')
            while (nl >= 0) {
              yield { service: c.Labels[SERVICE_LABEL] ?? '', container: name, stream: frame.stream === 'stderr' ? 'stderr' : 'stdout', message: pending.slice(0, nl) }
              pending = pending.slice(nl + 1)
              nl = pending.indexOf('\n')
            }
          }
        } finally {
          api.openLogStreams--
          api.endedLogStreams++
        }
      })()
    },
    events(project, _options, signal) {
      return (async function* () {
        const events = await streamEvents(client, { filters: { type: ['container'], label: [projectFilter(nameOf(project))] }, signal })
        for await (const e of events) {
          yield { time: new Date(e.time * 1000).toISOString(), type: e.Type, action: e.Action, service: e.Actor.Attributes[SERVICE_LABEL], container: e.Actor.Attributes.name, attributes: {} }
        }
      })()
    },
  }
  return api
}
