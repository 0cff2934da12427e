/**
 * A ComposeApi for tests: records each call, answers with canned data, and lets a test hold an
 * operation open (`gate`) or feed a log stream by hand. Streams end when the signal aborts and
 * count how many were aborted.
 */
import type { EmitFn } from '../../../core/events.ts'
import type { ComposeApi, ContainerInfo, LogEntry, ProjectEvent, ProjectRef } from '../api.ts'

export interface FakeCall {
  method: string
  project: ProjectRef | undefined
  options: unknown
  signal: AbortSignal | undefined
}

export interface FakeApi extends ComposeApi {
  calls: FakeCall[]
  /** Operations wait for this promise (resolve it to let them finish). */
  gate: Promise<void> | undefined
  /** Lines the next logs() yields before waiting for more (follow) or ending. */
  logLines: string[]
  /** Pushes a line into running follow streams. */
  pushLog(line: string): void
  /** How many logs/events streams saw their signal abort while waiting. */
  aborted: number
  /** Streams currently open. */
  open: number
  /** Progress each operation emits. */
  progress: Parameters<EmitFn>[0][]
  failWith: Error | undefined
}

export const FAKE_CONTAINER: ContainerInfo = {
  id: 'c0ffee',
  name: 'demo-web-1',
  service: 'web',
  image: 'busybox:latest',
  state: 'running',
  status: 'Up 1 second',
  publishers: [],
}

function waitAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

export function createFakeApi(): FakeApi {
  const listeners = new Set<(line: string) => void>()
  const api: FakeApi = {
    calls: [],
    gate: undefined,
    logLines: ['hello', 'world'],
    aborted: 0,
    open: 0,
    progress: [{ type: 'progress', id: 'web-1', status: 'Started' }],
    failWith: undefined,
    pushLog(line) {
      for (const listener of listeners) listener(line)
    },
    async config(project, options, signal) {
      api.calls.push({ method: 'config', project, options, signal })
      return {
        name: 'demo',
        services: { web: { image: 'busybox', environment: { SECRET: 'hunter2', EMPTY: null }, build: { context: '.', args: { TOKEN: 'abc' } } } },
        secrets: { key: { environment: 'API_KEY' } },
      }
    },
    async ps(project, options, signal) {
      api.calls.push({ method: 'ps', project, options, signal })
      return [FAKE_CONTAINER]
    },
    async exec(project, options, signal) {
      api.calls.push({ method: 'exec', project, options, signal })
      return { exitCode: 3, stdout: options.command.join(' '), stderr: '' }
    },
    logs(project, options, signal) {
      api.calls.push({ method: 'logs', project, options, signal })
      return (async function* (): AsyncGenerator<LogEntry> {
        api.open++
        const queue = [...api.logLines]
        let wake: (() => void) | undefined
        const listener = (line: string): void => {
          queue.push(line)
          wake?.()
        }
        listeners.add(listener)
        try {
          for (;;) {
            while (queue.length > 0) yield { service: 'web', container: 'demo-web-1', stream: 'stdout', message: queue.shift() ?? '' }
            if (options.follow !== true) return
            if (signal.aborted) {
              api.aborted++
              return
            }
            await Promise.race([new Promise<void>((r) => (wake = r)), waitAbort(signal)])
          }
        } finally {
          listeners.delete(listener)
          api.open--
        }
      })()
    },
    events(project, options, signal) {
      api.calls.push({ method: 'events', project, options, signal })
      return (async function* (): AsyncGenerator<ProjectEvent> {
        api.open++
        try {
          yield { time: '2024-01-01T00:00:00Z', type: 'container', action: 'start', service: 'web', container: 'demo-web-1', attributes: {} }
          await waitAbort(signal)
          api.aborted++
        } finally {
          api.open--
        }
      })()
    },
    up: op('up'),
    down: op('down'),
    start: op('start'),
    stop: op('stop'),
    restart: op('restart'),
    pull: op('pull'),
    build: op('build'),
  }
  function op(method: string) {
    return async (project: ProjectRef, options: unknown, signal: AbortSignal, emit: EmitFn): Promise<void> => {
      api.calls.push({ method, project, options, signal })
      for (const event of api.progress) emit(event)
      if (api.gate !== undefined) await Promise.race([api.gate, waitAbort(signal)])
      if (api.failWith !== undefined) throw api.failWith
    }
  }
  return api
}
