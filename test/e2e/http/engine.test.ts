/**
 * The HTTP adapter against the real engine over real HTTP on Node: the project list from
 * container labels, logs streamed (SSE and text) while a container writes, a client
 * disconnect ending the engine stream, events, and two concurrent `up` refused with 409.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listContainers, removeContainer } from '../../../core/engine/api/containers.ts'
import { stopContainer } from '../../../core/engine/api/containers.ts'
import type { EngineClient } from '../../../core/engine/client.ts'
import { describeEngine, eventually, newClient, runBusybox } from '../helpers.ts'
import { open, send } from './_client.ts'
import { createEngineTestApi, type EngineTestApi } from './_engine-api.ts'
import { startTestServer, type TestServer } from './_server.ts'

const suffix = Math.random().toString(16).slice(2, 8)
const P1 = `e2e-http-a-${suffix}`
const P2 = `e2e-http-b-${suffix}`
const OUT = `e2e-http-out-${suffix}`

function labels(project: string, workingDir: string, service = 'app'): Record<string, string> {
  return {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': workingDir,
    'com.docker.compose.project.config_files': join(workingDir, 'compose.yaml'),
    'com.docker.compose.container-number': '1',
  }
}

describeEngine('HTTP adapter on the real engine', () => {
  let s: TestServer
  let api: EngineTestApi
  let client: EngineClient

  beforeAll(async () => {
    s = await startTestServer({ api: (engine) => (api = createEngineTestApi(engine)) })
    client = newClient()
    for (const p of [P1, P2]) {
      mkdirSync(join(s.root, p))
      writeFileSync(join(s.root, p, 'compose.yaml'), 'services:\n  app:\n    image: busybox\n')
    }
    const script = 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.2; done'
    await runBusybox(client, `${P1}-app-1`, ['sh', '-c', script], { Labels: labels(P1, join(s.root, P1)), StopSignal: 'SIGKILL' })
    await runBusybox(client, `${P2}-app-1`, ['sleep', '300'], { Labels: labels(P2, join(s.root, P2)), StopSignal: 'SIGKILL' })
    await runBusybox(client, `${OUT}-app-1`, ['sleep', '300'], { Labels: labels(OUT, s.outside), StopSignal: 'SIGKILL' })
  })

  afterAll(async () => {
    for (const p of [P1, P2, OUT]) {
      const cs = await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${p}`] } })
      await Promise.all(cs.map((c) => removeContainer(client, c.Id, { force: true })))
    }
    await client.close()
    await s.close()
  })

  const get = (path: string, headers: Record<string, string> = {}) => send(s.binding, { path, headers: { host: s.hostHeader, ...s.auth, ...headers } })

  it('lists the two labelled projects under the root, not the one outside', async () => {
    const r = await get('/v1/projects')
    expect(r.status).toBe(200)
    const list = (JSON.parse(r.text) as { name: string; status: string; configFiles: string[] }[]).filter((p) => p.name.endsWith(suffix))
    expect(list).toEqual([
      { name: P1, status: 'running(1)', configFiles: [join(s.root, P1, 'compose.yaml')], workingDir: join(s.root, P1) },
      { name: P2, status: 'running(1)', configFiles: [join(s.root, P2, 'compose.yaml')], workingDir: join(s.root, P2) },
    ])
  })

  it('refuses a labelled project that lives outside the roots', async () => {
    expect((await get(`/v1/projects/${OUT}/ps`)).status).toBe(403)
  })

  it('answers ps by name', async () => {
    const r = await get(`/v1/projects/${P2}/ps`)
    expect(JSON.parse(r.text)).toMatchObject([{ name: `${P2}-app-1`, service: 'app', state: 'running' }])
  })

  it('returns logs as plain text', async () => {
    await eventually(async () => expect((await get(`/v1/projects/${P1}/logs?tail=2`)).text).toMatch(/^e2e-http-a-\w+-app-1 \| line \d+\n.+\n$/))
  })

  it('streams logs as SSE while the container writes, and a disconnect ends the engine stream', async () => {
    const { res, abort } = await open(s.binding, { path: `/v1/projects/${P1}/logs?follow=true&tail=0`, headers: { host: s.hostHeader, ...s.auth, accept: 'text/event-stream' } })
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    const seen: { line: string; at: number }[] = []
    res.setEncoding('utf8')
    let buffer = ''
    for await (const chunk of res) {
      buffer += chunk as string
      for (const m of buffer.matchAll(/data: (\{.*\})\n\n/g)) {
        const entry = JSON.parse(m[1] ?? '{}') as { message: string }
        if (!seen.some((x) => x.line === entry.message)) seen.push({ line: entry.message, at: Date.now() })
      }
      if (seen.length >= 4) break
    }
    expect(seen.map((x) => x.line)).toEqual(expect.arrayContaining([expect.stringMatching(/^line \d+$/)]))
    // Lines arrive as they are written (~200 ms apart), not in one batch at the end.
    expect((seen[3]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThan(300)
    expect(api.openLogStreams).toBe(1)
    abort()
    await eventually(() => {
      expect(api.openLogStreams).toBe(0)
      expect(api.endedLogStreams).toBeGreaterThanOrEqual(1)
    })
  })

  it('streams container events as SSE', async () => {
    const { res, abort } = await open(s.binding, { path: `/v1/projects/${P2}/events`, headers: { host: s.hostHeader, ...s.auth } })
    res.setEncoding('utf8')
    let text = ''
    const reading = (async () => {
      for await (const chunk of res) {
        text += chunk as string
        if (text.includes('"action":"die"')) return
      }
    })()
    await eventually(() => expect(text).toContain(': stream open'))
    const [c] = await listContainers(client, { filters: { label: [`com.docker.compose.project=${P2}`] } })
    await stopContainer(client, c?.Id ?? '', { timeout: 0 })
    await reading
    abort()
    expect(text).toMatch(/event: event\ndata: \{"time":"[^"]+","type":"container","action":"(kill|die)"/)
  })
})

describeEngine('two concurrent up on one project', () => {
  it('runs one and refuses the other with 409', async () => {
    const s = await startTestServer()
    let release: () => void = () => {}
    s.api.gate = new Promise((r) => (release = r))
    try {
      const headers = { host: s.hostHeader, ...s.auth, 'content-type': 'application/json' }
      const first = send(s.binding, { method: 'POST', path: '/v1/projects/dir%3Ademo/up', headers, body: '{}' })
      await eventually(() => expect(s.api.calls).toHaveLength(1))
      const second = await send(s.binding, { method: 'POST', path: '/v1/projects/dir%3Ademo/up', headers, body: '{}' })
      expect(second.status).toBe(409)
      expect(JSON.parse(second.text)).toMatchObject({ code: 'HTTP_BUSY' })
      release()
      expect((await first).status).toBe(200)
    } finally {
      release()
      await s.close()
    }
  })
})
