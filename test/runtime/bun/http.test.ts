/// <reference types="bun-types" />
import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFakeApi } from '../../../adapters/http/_testing/fake-api.ts'
import { createFixture, HOST, TOKEN } from '../../../adapters/http/_testing/fixture.ts'
import { startHttpServer } from '../../../adapters/http/start.ts'
import { EngineClient } from '../../../core/engine/client.ts'

test('app.request: health, token, Host on Bun', async () => {
  const fx = createFixture()
  try {
    expect((await fx.app.request('/v1/health', { headers: { host: HOST } })).status).toBe(200)
    expect((await fx.call('/v1/projects', { auth: false })).status).toBe(401)
    expect((await fx.app.request('/v1/health', { headers: { host: 'evil.test' } })).status).toBe(403)
    expect((await fx.call('/v1/projects/demo/ps')).status).toBe(200)
  } finally {
    fx.cleanup()
  }
})

test('Bun.serve on 127.0.0.1 and on a unix socket answers /v1/health', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose-bun-http-'))
  const common = { token: TOKEN, roots: [dir], engine: () => new EngineClient({ env: {} }), api: createFakeApi() }
  const tcp = await startHttpServer({ ...common, binding: { kind: 'tcp', host: '127.0.0.1', port: 0 } })
  const sock = await startHttpServer({ ...common, binding: { kind: 'socket', path: join(dir, 'run', 'c.sock') } })
  try {
    expect(tcp.server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${tcp.server.address}/v1/health`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { status: string }).status).toBe('ok')
    expect((await fetch(`${tcp.server.address}/v1/projects`)).status).toBe(401)
    const viaSocket = await fetch('http://localhost/v1/health', { unix: join(dir, 'run', 'c.sock') } as RequestInit)
    expect(viaSocket.status).toBe(200)
  } finally {
    await tcp.server.close()
    await sock.server.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
