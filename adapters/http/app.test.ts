import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ComposeError } from '../../core/errors.ts'
import { createFixture, post, TOKEN } from './_testing/fixture.ts'
import { SECURITY_HEADERS } from './middleware/security-headers.ts'

const fx = createFixture()
afterAll(() => fx.cleanup())
afterEach(() => {
  fx.api.calls.length = 0
  fx.api.gate = undefined
  fx.api.failWith = undefined
})

describe('health and openapi', () => {
  it('answers /v1/health without a token', async () => {
    const res = await fx.call('/v1/health', { auth: false })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
  it('sends the security headers with every answer: routes, refusals, errors, unknown paths', async () => {
    const answers = await Promise.all([
      fx.call('/v1/health', { auth: false }),
      fx.call('/v1/projects', { auth: false }),
      fx.call('/v1/projects', { headers: { host: 'evil.test' } }),
      fx.call('/v1/no-such-route'),
      fx.call('/v1/projects'),
    ])
    expect(answers.map((r) => r.status)).toEqual([200, 401, 403, 404, 200])
    for (const res of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    }
  })
  it('needs the token for everything else', async () => {
    expect((await fx.call('/v1/openapi.json', { auth: false })).status).toBe(401)
    expect((await fx.call('/v1/projects', { auth: false })).status).toBe(401)
  })
  it('serves an OpenAPI document with every route', async () => {
    const doc = (await (await fx.call('/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toBe('3.1.0')
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /v1/health',
        'GET /v1/projects',
        'GET /v1/projects/{project}/config',
        'GET /v1/projects/{project}/ps',
        'POST /v1/projects/{project}/up',
        'POST /v1/projects/{project}/build',
        'POST /v1/projects/{project}/exec',
        'GET /v1/projects/{project}/logs',
        'GET /v1/projects/{project}/events',
        'GET /v1/openapi.json',
      ]),
    )
    expect(ops).toHaveLength(15)
  })
  it('answers unknown routes and OPTIONS (no CORS) with 404 JSON', async () => {
    expect((await fx.call('/v1/nope')).status).toBe(404)
    const res = await fx.call('/v1/projects', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('projects', () => {
  it('lists the projects under the roots from the engine labels', async () => {
    const res = await fx.call('/v1/projects?all=true')
    expect(await res.json()).toEqual([{ name: 'demo', status: 'exited(1), running(1)', configFiles: [join(fx.root, 'demo', 'compose.yaml')], workingDir: join(fx.root, 'demo') }])
  })
  it('validates the query string', async () => {
    expect((await fx.call('/v1/projects?all=maybe')).status).toBe(400)
    expect((await fx.call('/v1/projects?bogus=1')).status).toBe(400)
    expect((await fx.call('/v1/projects?all=true&all=false')).status).toBe(400)
    expect((await fx.call('/v1/projects?__proto__=x')).status).toBe(400)
    expect((await fx.call('/v1/projects/demo/up', post(JSON.parse('{"__proto__": {"services": ["x"]}}')))).status).toBe(400)
  })
  it('calls ps with the confined project', async () => {
    const res = await fx.call('/v1/projects/demo/ps?services=web,db')
    expect(res.status).toBe(200)
    expect(fx.api.calls[0]).toMatchObject({ method: 'ps', options: { services: ['web', 'db'] }, project: { name: 'demo', workingDir: join(fx.root, 'demo') } })
  })
  it('accepts dir: references, encoded', async () => {
    const res = await fx.call(`/v1/projects/${encodeURIComponent('dir:apps/web')}/ps`)
    expect(res.status).toBe(200)
    expect(fx.api.calls[0]?.project).toMatchObject({ name: undefined, workingDir: join(fx.root, 'apps', 'web') })
  })
  it('masks secrets in config unless reveal=true', async () => {
    const masked = (await (await fx.call('/v1/projects/demo/config')).json()) as { services: { web: { environment: Record<string, unknown>; build: { args: Record<string, unknown> } } }; secrets: { key: { environment: string } } }
    expect(masked.services.web.environment).toEqual({ SECRET: '********', EMPTY: null })
    expect(masked.services.web.build.args).toEqual({ TOKEN: '********' })
    expect(masked.secrets.key.environment).toBe('********')
    expect(JSON.stringify(masked)).not.toContain('hunter2')
    const revealed = await (await fx.call('/v1/projects/demo/config?reveal=true')).text()
    expect(revealed).toContain('hunter2')
  })
  it('refuses projects outside the roots and traversal before calling the API', async () => {
    for (const [path, status] of [
      ['/v1/projects/outsider/ps', 403],
      [`/v1/projects/${encodeURIComponent('dir:escape')}/ps`, 403],
      ['/v1/projects/dir%3A..%2Foutside/ps', 400],
      ['/v1/projects/dir%3A%2e%2e%2foutside/ps', 400],
      ['/v1/projects/%2e%2e%2f%2e%2e%2fetc/ps', 400],
      ['/v1/projects/dir%3Aa%00b/ps', 400],
      ['/v1/projects/dir%3A%2Fetc/ps', 400],
      ['/v1/projects/ghost/ps', 404],
    ] as const) {
      expect((await fx.call(path)).status, path).toBe(status)
    }
    expect(fx.api.calls).toHaveLength(0)
  })
})

describe('operations', () => {
  it('runs up with validated options and answers {ok: true}', async () => {
    const res = await fx.call('/v1/projects/demo/up', post({ services: ['web'], wait: true }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(fx.api.calls[0]).toMatchObject({ method: 'up', options: { services: ['web'], wait: true } })
  })
  it('treats an empty JSON body as {}', async () => {
    const res = await fx.call('/v1/projects/demo/stop', { method: 'POST', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(200)
  })
  it('refuses malformed JSON and unknown or wrongly typed fields with 400', async () => {
    const bad = await fx.call('/v1/projects/demo/up', { method: 'POST', body: '{"services": [', headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/^malformed JSON body: /)
    const typo = await fx.call('/v1/projects/demo/up', post({ sevices: ['web'] }))
    expect(typo.status).toBe(400)
    const wrong = (await (await fx.call('/v1/projects/demo/down', post({ timeout: 'soon' }))).json()) as { issues: { path: string }[] }
    expect(wrong.issues[0]?.path).toBe('timeout')
    expect(fx.api.calls).toHaveLength(0)
  })
  it('refuses a second up on a busy project with 409, and accepts it once done', async () => {
    let open: () => void = () => {}
    fx.api.gate = new Promise((resolve) => (open = resolve))
    const first = fx.call('/v1/projects/demo/up', post())
    await new Promise((r) => setTimeout(r, 10))
    const second = await fx.call(`/v1/projects/${encodeURIComponent('dir:demo')}/down`, post())
    expect(second.status).toBe(409)
    expect(await second.json()).toMatchObject({ code: 'HTTP_BUSY', message: 'project dir:demo is busy: up is running' })
    open()
    expect((await first).status).toBe(200)
    fx.api.gate = undefined
    expect((await fx.call('/v1/projects/demo/up', post())).status).toBe(200)
  })
  it('streams progress then the result as SSE and as NDJSON', async () => {
    const sse = await (await fx.call('/v1/projects/demo/pull', post({}, { accept: 'text/event-stream' }))).text()
    expect(sse).toContain('event: progress\ndata: {"type":"progress","id":"web-1","status":"Started"}\n\n')
    expect(sse.trimEnd().endsWith('event: result\ndata: {"type":"result","ok":true}')).toBe(true)
    const nd = (await (await fx.call('/v1/projects/demo/build', post({}, { accept: 'application/x-ndjson' }))).text()).trim().split('\n')
    expect(nd.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['progress', 'result'])
  })
  it('maps errors to statuses: a compose file error gives 422 with file, line, col', async () => {
    fx.api.failWith = new ComposeError('LOAD_YAML', 'bad indentation', { source: { file: '/x/compose.yaml', line: 3, col: 5 } })
    const res = await fx.call('/v1/projects/demo/up', post())
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ code: 'LOAD_YAML', file: '/x/compose.yaml', line: 3, col: 5 })
  })
  it('sends an error event when a streamed operation fails', async () => {
    fx.api.failWith = new ComposeError('ENGINE_CONFLICT', 'name in use')
    const text = await (await fx.call('/v1/projects/demo/up', post({}, { accept: 'text/event-stream' }))).text()
    expect(text).toContain('event: error\ndata: {"type":"error","code":"ENGINE_CONFLICT","message":"name in use"}')
  })
  it('hides unexpected errors behind a bare 500', async () => {
    fx.api.failWith = new Error('secret detail at /home/me PASSWORD=x')
    const res = await fx.call('/v1/projects/demo/up', post())
    expect(res.status).toBe(500)
    expect(await res.text()).not.toContain('PASSWORD')
  })
  it('execs and returns the exit code and output', async () => {
    const res = await fx.call('/v1/projects/demo/exec', post({ service: 'web', command: ['echo', 'hi'] }))
    expect(await res.json()).toEqual({ exitCode: 3, stdout: 'echo hi', stderr: '' })
    expect((await fx.call('/v1/projects/demo/exec', post({ service: 'web', command: [] }))).status).toBe(400)
  })
})

describe('streams', () => {
  it('returns logs as plain text by default', async () => {
    const res = await fx.call('/v1/projects/demo/logs?tail=5')
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe('demo-web-1 | hello\ndemo-web-1 | world\n')
    expect(fx.api.calls[0]?.options).toEqual({ tail: 5 })
  })
  it('returns logs as SSE when asked', async () => {
    const res = await fx.call('/v1/projects/demo/logs?tail=all&since=10m', { headers: { accept: 'text/event-stream' } })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const text = await res.text()
    expect(text).toContain('event: log\ndata: {"service":"web","container":"demo-web-1","stream":"stdout","message":"hello"}')
  })
  it('validates tail and since', async () => {
    expect((await fx.call('/v1/projects/demo/logs?tail=-1')).status).toBe(400)
    expect((await fx.call('/v1/projects/demo/logs?since=yesterday')).status).toBe(400)
  })
  it('aborts a followed stream when the client cancels it', async () => {
    const res = await fx.call('/v1/projects/demo/logs?follow=true', { headers: { accept: 'text/event-stream' } })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (!text.includes('world')) text += new TextDecoder().decode((await reader.read()).value)
    expect(fx.api.open).toBe(1)
    await reader.cancel()
    await new Promise((r) => setTimeout(r, 20))
    expect(fx.api.calls[0]?.signal?.aborted).toBe(true)
    expect(fx.api.open).toBe(0)
  })
  it('streams events as SSE', async () => {
    const res = await fx.call('/v1/projects/demo/events')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (!text.includes('event: event')) text += new TextDecoder().decode((await reader.read()).value)
    await reader.cancel()
    expect(text).toContain('"action":"start"')
  })
})

it('uses the token given to it', () => expect(TOKEN.length).toBeGreaterThan(16))
