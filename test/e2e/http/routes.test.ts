/**
 * Every project route over real HTTP, served by `createDefaultApi` (the library) on the real
 * engine: up with SSE progress → ps → exec → logs (plain, and SSE/text following a container
 * that writes; a disconnect ends the library's stream) → events → stop/start/restart → pull
 * (pull_policy never/missing on the local busybox, no registry) → build → config (masked and
 * revealed) → down; then two concurrent `up` on one project: one runs, the other gets 409.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { inspectContainer, listContainers } from '../../../core/engine/api/containers.ts'
import { inspectImage } from '../../../core/engine/api/images.ts'
import { listNetworks } from '../../../core/engine/api/networks.ts'
import type { EngineClient } from '../../../core/engine/client.ts'
import type { ComposeApi, LogEntry } from '../../../adapters/http/api.ts'
import { createDefaultApi } from '../../../adapters/http/default-api.ts'
import { describeEngine, eventually, newClient, sweep, uniquePrefix } from '../helpers.ts'
import { open, send, type Reply } from './_client.ts'
import { startTestServer, type TestServer } from './_server.ts'

const PROJECT = uniquePrefix('http-routes')
const REF = `dir%3A${PROJECT}`
const LONG = { timeout: 120_000 }

const COMPOSE = `services:
  app:
    image: busybox:latest
    pull_policy: never
    command: ["sh", "-c", "i=0; while true; do echo line $$i; i=$$((i+1)); sleep 0.2; done"]
    stop_signal: SIGKILL
    environment:
      SECRET_TOKEN: s3cret
  cached:
    image: busybox:latest
    pull_policy: missing
    command: ["sleep", "300"]
    stop_signal: SIGKILL
  built:
    image: ${PROJECT}-built:latest
    build:
      context: ./ctx
      args:
        BUILD_TOKEN: hunter2
`

interface SseEvent {
  event: string
  data: Record<string, unknown>
}

function parseSse(text: string): SseEvent[] {
  return [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({ event: m[1] ?? '', data: JSON.parse(m[2] ?? '{}') as Record<string, unknown> }))
}

/** The real API, counting the log streams it has open and those that ended. */
function counting(api: ComposeApi): ComposeApi & { openLogs: number; endedLogs: number } {
  const counted = {
    ...api,
    openLogs: 0,
    endedLogs: 0,
    logs(project, options, signal) {
      return (async function* (): AsyncGenerator<LogEntry> {
        counted.openLogs++
        try {
          yield* api.logs(project, options, signal)
        } finally {
          counted.openLogs--
          counted.endedLogs++
        }
      })()
    },
  } satisfies ComposeApi & { openLogs: number; endedLogs: number }
  return counted
}

describeEngine('HTTP routes on the library and the real engine', () => {
  let s: TestServer
  let api: ReturnType<typeof counting>
  let client: EngineClient

  beforeAll(async () => {
    s = await startTestServer({ api: (engine) => (api = counting(createDefaultApi({ engine: () => engine, env: process.env }))) })
    client = newClient()
    mkdirSync(join(s.root, PROJECT, 'ctx'), { recursive: true })
    writeFileSync(join(s.root, PROJECT, 'compose.yaml'), COMPOSE)
    writeFileSync(join(s.root, PROJECT, 'ctx', 'Dockerfile'), 'FROM busybox:latest\nARG BUILD_TOKEN\nRUN echo built > /built.txt\n')
  }, 120_000)

  afterAll(async () => {
    await sweep(client, PROJECT)
    await client.close()
    await s?.close()
  }, 120_000)

  const headers = (extra: Record<string, string> = {}) => ({ host: s.hostHeader, ...s.auth, ...extra })
  const get = (path: string, extra: Record<string, string> = {}): Promise<Reply> => send(s.binding, { path: `/v1/projects/${REF}${path}`, headers: headers(extra) })
  const post = (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Reply> =>
    send(s.binding, { method: 'POST', path: `/v1/projects/${REF}${path}`, headers: headers({ 'content-type': 'application/json', ...extra }), body: JSON.stringify(body) })
  const containers = (all = true) => listContainers(client, { all, filters: { label: [`com.docker.compose.project=${PROJECT}`] } })
  const ps = async () => JSON.parse((await get('/ps?all=true')).text) as { name: string; service: string; state: string }[]

  it('up streams progress as SSE and ends with a result event', async () => {
    const r = await post('/up', { services: ['app', 'cached'] }, { accept: 'text/event-stream' })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/)
    const events = parseSse(r.text)
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThan(0)
    expect(events.some((e) => e.event === 'progress' && /Started|Running/.test(String(e.data.status)))).toBe(true)
    expect(events.at(-1)).toEqual({ event: 'result', data: { type: 'result', ok: true } })
    expect((await containers(false)).map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual(['app', 'cached'])
  }, LONG.timeout)

  it('ps lists the containers', async () => {
    const list = await ps()
    expect(list.map((c) => [c.service, c.state]).sort()).toEqual([['app', 'running'], ['cached', 'running']])
    expect(list.map((c) => c.name).sort()).toEqual([`${PROJECT}-app-1`, `${PROJECT}-cached-1`])
  })

  it('exec answers the exit code and both streams, and caps the output', async () => {
    const r = await post('/exec', { service: 'app', command: ['sh', '-c', 'echo "out $GREETING"; echo err >&2; exit 3'], env: { GREETING: 'hi' } })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.text)).toEqual({ exitCode: 3, stdout: 'out hi\n', stderr: 'err\n' })
    const big = JSON.parse((await post('/exec', { service: 'cached', command: ['sh', '-c', "head -c 1500000 /dev/zero | tr '\\0' a"] })).text) as { exitCode: number; stdout: string; truncated?: boolean }
    expect(big).toMatchObject({ exitCode: 0, truncated: true })
    expect(big.stdout.length).toBe(1024 * 1024)
    const missing = await post('/exec', { service: 'built', command: ['true'] })
    expect(missing.status).toBe(409)
    expect(JSON.parse(missing.text)).toMatchObject({ code: 'CONVERGE_NOT_RUNNING' })
  }, LONG.timeout)

  it('logs answers plain text', async () => {
    await eventually(async () => expect((await get('/logs?services=app&tail=2')).text).toMatch(/^app-1 \| line \d+\napp-1 \| line \d+\n$/), { timeout: 20_000 })
  }, LONG.timeout)

  it('logs follows as SSE while the container writes; a disconnect ends the stream', async () => {
    const { res, abort } = await open(s.binding, { path: `/v1/projects/${REF}/logs?follow=true&tail=0&services=app`, headers: headers({ accept: 'text/event-stream' }) })
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    const seen: { line: string; at: number }[] = []
    res.setEncoding('utf8')
    let buffer = ''
    for await (const chunk of res) {
      buffer += chunk as string
      for (const e of parseSse(buffer)) {
        const message = String(e.data.message)
        if (e.event === 'log' && !seen.some((x) => x.line === message)) seen.push({ line: message, at: Date.now() })
      }
      if (seen.length >= 4) break
    }
    expect(seen.every((x) => /^line \d+$/.test(x.line))).toBe(true)
    // written about 200 ms apart, and they arrive that way (not in one batch at the end)
    expect((seen[3]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThan(300)
    expect(api.openLogs).toBe(1)
    const ended = api.endedLogs
    abort()
    await eventually(() => {
      expect(api.openLogs).toBe(0)
      expect(api.endedLogs).toBe(ended + 1)
    }, { timeout: 20_000 })
  }, LONG.timeout)

  it('logs follows as plain chunked text', async () => {
    const { res, abort } = await open(s.binding, { path: `/v1/projects/${REF}/logs?follow=true&tail=1&services=app&timestamps=true`, headers: headers() })
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    res.setEncoding('utf8')
    let text = ''
    for await (const chunk of res) {
      text += chunk as string
      if (text.split('\n').length > 3) break
    }
    abort()
    expect(text).toMatch(/^app-1 \| \d{4}-\d\d-\d\dT[0-9:.]+Z line \d+\n/)
    await eventually(() => expect(api.openLogs).toBe(0), { timeout: 20_000 })
  }, LONG.timeout)

  it('events streams the container events of the project (SSE)', async () => {
    const { res, abort } = await open(s.binding, { path: `/v1/projects/${REF}/events?services=cached`, headers: headers() })
    res.setEncoding('utf8')
    let text = ''
    const reading = (async () => {
      for await (const chunk of res) {
        text += chunk as string
        if (parseSse(text).some((e) => e.data.action === 'die')) return
      }
    })()
    await eventually(() => expect(text).toContain(': stream open'))
    expect((await post('/stop', { services: ['cached'], timeout: 0 })).status).toBe(200)
    await reading
    abort()
    const die = parseSse(text).find((e) => e.data.action === 'die')
    expect(die?.data).toMatchObject({ type: 'container', service: 'cached', container: `${PROJECT}-cached-1` })
  }, LONG.timeout)

  it('stop, start and restart change the containers', async () => {
    expect((await post('/stop', { services: ['cached'], timeout: 0 })).status).toBe(200)
    expect((await ps()).find((c) => c.service === 'cached')?.state).toBe('exited')
    expect((await post('/start', { services: ['cached'] })).status).toBe(200)
    expect((await ps()).find((c) => c.service === 'cached')?.state).toBe('running')
    const [cached] = (await containers()).filter((c) => c.Labels['com.docker.compose.service'] === 'cached')
    const before = (await inspectContainer(client, cached?.Id ?? '')).State.StartedAt
    const r = await post('/restart', { services: ['cached'], timeout: 0 }, { accept: 'application/x-ndjson' })
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/)
    expect(r.text.trim().split('\n').map((l) => JSON.parse(l) as unknown).at(-1)).toEqual({ type: 'result', ok: true })
    expect((await inspectContainer(client, cached?.Id ?? '')).State.StartedAt).not.toBe(before)
    const unknown = await post('/start', { services: ['nope'] })
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toMatchObject({ code: 'GRAPH_NO_SUCH_SERVICE' })
  }, LONG.timeout)

  it('pull skips pull_policy never and a present image with missing (no registry)', async () => {
    const r = await post('/pull', { services: ['app', 'cached'] }, { accept: 'text/event-stream' })
    expect(r.status).toBe(200)
    const skipped = parseSse(r.text).filter((e) => e.event === 'progress' && e.data.status === 'Skipped')
    expect(skipped.map((e) => e.data.detail).sort()).toEqual(['Image is already present locally', 'pull_policy is never'])
    expect(parseSse(r.text).at(-1)?.event).toBe('result')
  }, LONG.timeout)

  it('build builds a small context', async () => {
    const r = await post('/build', { services: ['built'] }, { accept: 'text/event-stream' })
    expect(r.status).toBe(200)
    expect(parseSse(r.text).at(-1)).toEqual({ event: 'result', data: { type: 'result', ok: true } })
    expect((await inspectImage(client, `${PROJECT}-built:latest`)).Id).toMatch(/^sha256:/)
  }, LONG.timeout)

  it('config masks environment values and build args unless reveal=true', async () => {
    type Model = { services: Record<string, { environment?: Record<string, string>; build?: { args?: Record<string, string> } }> }
    const masked = JSON.parse((await get('/config')).text) as Model
    expect(masked.services.app?.environment).toEqual({ SECRET_TOKEN: '********' })
    const revealed = JSON.parse((await get('/config?reveal=true')).text) as Model
    expect(revealed.services.app?.environment).toEqual({ SECRET_TOKEN: 's3cret' })
    expect(masked.services.built?.build?.args).toEqual({ BUILD_TOKEN: '********' })
    expect(JSON.stringify(masked)).not.toMatch(/s3cret|hunter2/)
    expect(revealed.services.built?.build?.args).toEqual({ BUILD_TOKEN: 'hunter2' })
  })

  it('down removes the containers and the network', async () => {
    const r = await post('/down', { timeout: 0 })
    expect(r.status).toBe(200)
    expect(await containers()).toEqual([])
    expect(await ps()).toEqual([])
    expect((await listNetworks(client, { filters: { name: [`${PROJECT}_default`] } })).length).toBe(0)
  }, LONG.timeout)

  it('two concurrent up on one project: one runs, the other is refused with 409', async () => {
    const [a, b] = await Promise.all([post('/up', { services: ['app'] }), post('/up', { services: ['app'] })])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expect(JSON.parse((a.status === 409 ? a : b).text)).toMatchObject({ code: 'HTTP_BUSY' })
    expect((await containers()).length).toBe(1)
    expect((await post('/down', { timeout: 0 })).status).toBe(200)
  }, LONG.timeout)
})
