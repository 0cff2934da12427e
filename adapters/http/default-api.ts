/**
 * The ComposeApi `compose serve` uses: each route calls the library (adapters/lib) on the
 * confined project. A request loads exactly the project's files with the server's environment
 * and the plugins fixed at server start: never a project's `compose.config.*`, never a plugin
 * named in a request. Short calls share the server's engine client; calls that hold engine
 * connections for as long as a client likes (logs, events, exec) get a client of their own,
 * closed when they end, so that they cannot starve the shared pool. So does every call when a
 * plugin watches engine requests.
 */
import type { EngineClient } from '../../core/engine/client.ts'
import type { EmitFn } from '../../core/events.ts'
import type { ComposePluginOption } from '../../core/hooks.ts'
import type { Environment } from '../../core/runtime/env.ts'
import { createCompose } from '../lib/compose.ts'
import { ComposeProject } from '../lib/project.ts'
import { createLoadCache } from '../lib/load-cache.ts'
import { assertBuildsUnder, confinedFs } from './confined-fs.ts'
import type { ComposeApi, ExecResult, LogEntry, ProjectEvent, ProjectRef } from './api.ts'
import { capOutput, toContainerInfo, toLogEntry, toProjectEvent } from './_to-wire.ts'

export interface DefaultApiOptions {
  /** The server's engine client, shared by the requests (its owner closes it). */
  engine: () => EngineClient
  /** The server's environment: interpolation, registry credentials and the engine address. */
  env: Environment
  home?: string
  /** Plugins fixed when the server starts (none by default). */
  plugins?: ComposePluginOption[]
  /** Bytes of stdout and of stderr an exec answers with (default 1 MiB); the rest is dropped. */
  execOutputLimit?: number
}

export const DEFAULT_EXEC_OUTPUT_LIMIT = 1024 * 1024

/**
 * Variables that would pick other files or one name for every project: the request's
 * project reference decides both.
 */
const REQUEST_DECIDES = ['COMPOSE_FILE', 'COMPOSE_PROJECT_NAME']

interface Opened {
  project: ComposeProject
  close(): Promise<void>
}

const ignore: EmitFn = () => {}

export function createDefaultApi(options: DefaultApiOptions): ComposeApi {
  const env: Environment = Object.fromEntries(Object.entries(options.env).filter(([name]) => !REQUEST_DECIDES.includes(name)))
  const limit = options.execOutputLimit ?? DEFAULT_EXEC_OUTPUT_LIMIT
  // a request loads its project again only when a file the loader read (or looked for) changed
  const loads = createLoadCache()

  async function open(ref: ProjectRef, signal: AbortSignal, emit: EmitFn, held = false): Promise<Opened> {
    const compose = createCompose({
      cwd: ref.workingDir,
      configFile: false,
      env,
      ...(options.home === undefined ? {} : { home: options.home }),
      plugins: options.plugins ?? [],
      emit,
    })
    const host = await compose.plugins(undefined)
    const key = JSON.stringify([ref.workingDir, ref.files, ref.name ?? null])
    const load = await loads.get(key, (fs) => compose.load({ files: [...ref.files], ...(ref.name === undefined ? {} : { projectName: ref.name }), signal, fs: confinedFs(fs, ref.root) }, host))
    if (held || host.has('engine:request') || host.has('engine:responded')) {
      const own = compose.engine(host, signal)
      return { project: new ComposeProject(compose, load, host, own), close: () => own.close() }
    }
    return { project: new ComposeProject(compose, load, host, options.engine()), close: async () => {} }
  }

  async function using<T>(ref: ProjectRef, signal: AbortSignal, emit: EmitFn, work: (project: ComposeProject) => Promise<T>, held = false): Promise<T> {
    const opened = await open(ref, signal, emit, held)
    try {
      return await work(opened.project)
    } finally {
      await opened.close()
    }
  }

  return {
    async config(ref, _query, signal) {
      return using(ref, signal, ignore, async (p) => JSON.parse(p.config('json')) as Record<string, unknown>)
    },

    async ps(ref, query, signal) {
      const entries = await using(ref, signal, ignore, (p) => p.ps({ ...query, signal }))
      return entries.map(toContainerInfo)
    },

    up: (ref, body, signal, emit) =>
      using(ref, signal, emit, async (p) => {
        await assertBuildsUnder(p.project, ref.root, body.services)
        await p.up({ ...body, signal })
      }),
    down: (ref, body, signal, emit) => using(ref, signal, emit, async (p) => void (await p.down({ ...body, signal }))),
    start: (ref, body, signal, emit) => using(ref, signal, emit, async (p) => void (await p.start({ ...body, signal }))),
    stop: (ref, body, signal, emit) => using(ref, signal, emit, async (p) => void (await p.stop({ ...body, signal }))),
    restart: (ref, body, signal, emit) => using(ref, signal, emit, async (p) => void (await p.restart({ ...body, signal }))),
    pull: (ref, body, signal, emit) => using(ref, signal, emit, async (p) => void (await p.pull({ ...body, signal }))),
    build: (ref, body, signal, emit) =>
      using(ref, signal, emit, async (p) => {
        await assertBuildsUnder(p.project, ref.root, body.services)
        await p.build({ ...body, signal })
      }),

    async exec(ref, body, signal): Promise<ExecResult> {
      const stdout = capOutput(limit)
      const stderr = capOutput(limit)
      const outcome = await using(ref, signal, ignore, (p) =>
        p.exec({
          service: body.service,
          command: body.command,
          ...(body.index === undefined ? {} : { index: body.index }),
          ...(body.user === undefined ? {} : { user: body.user }),
          ...(body.workdir === undefined ? {} : { workdir: body.workdir }),
          ...(body.privileged === undefined ? {} : { privileged: body.privileged }),
          ...(body.env === undefined ? {} : { env: Object.entries(body.env).map(([k, v]) => `${k}=${v}`) }),
          tty: false,
          interactive: false,
          io: { stdout: (chunk) => stdout.write(chunk), stderr: (chunk) => stderr.write(chunk) },
          signal,
        }),
        true,
      )
      const truncated = stdout.truncated || stderr.truncated
      return { exitCode: outcome.exitCode, stdout: stdout.text(), stderr: stderr.text(), ...(truncated ? { truncated } : {}) }
    },

    logs(ref, query, signal): AsyncIterable<LogEntry> {
      return (async function* () {
        const opened = await open(ref, signal, ignore, true)
        try {
          const lines = await opened.project.logs({ ...query, signal })
          for await (const line of lines) yield toLogEntry(line)
        } finally {
          await opened.close()
        }
      })()
    },

    events(ref, query, signal): AsyncIterable<ProjectEvent> {
      return (async function* () {
        const opened = await open(ref, signal, ignore, true)
        try {
          const events = await opened.project.events({ ...query, signal })
          for await (const event of events) yield toProjectEvent(event)
        } finally {
          await opened.close()
        }
      })()
    },
  }
}
