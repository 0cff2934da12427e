import { createFakeApi } from '../../../adapters/http/_testing/fake-api.ts'
import { createFixture, HOST, TOKEN } from '../../../adapters/http/_testing/fixture.ts'
import { startHttpServer } from '../../../adapters/http/start.ts'
import { EngineClient } from '../../../core/engine/client.ts'

function assertEquals(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`)
}

Deno.test({
  name: 'app.request: health, token, Host on Deno',
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const fx = createFixture()
    try {
      assertEquals((await fx.app.request('/v1/health', { headers: { host: HOST } })).status, 200, 'health')
      assertEquals((await fx.call('/v1/projects', { auth: false })).status, 401, 'no token')
      assertEquals((await fx.app.request('/v1/health', { headers: { host: 'evil.test' } })).status, 403, 'bad host')
      assertEquals((await fx.call('/v1/projects/demo/ps')).status, 200, 'ps')
    } finally {
      fx.cleanup()
    }
  },
})

Deno.test({
  name: 'Deno.serve on 127.0.0.1 and on a unix socket answers /v1/health',
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: 'compose-deno-http-' })
    const common = { token: TOKEN, roots: [dir], engine: () => new EngineClient({ env: {} }), api: createFakeApi() }
    const tcp = await startHttpServer({ ...common, binding: { kind: 'tcp', host: '127.0.0.1', port: 0 } })
    const sock = await startHttpServer({ ...common, binding: { kind: 'socket', path: `${dir}/run/c.sock` } })
    try {
      const res = await fetch(`${tcp.server.address}/v1/health`)
      assertEquals(res.status, 200, 'health over TCP')
      assertEquals(((await res.json()) as { status: string }).status, 'ok', 'health body')
      const denied = await fetch(`${tcp.server.address}/v1/projects`)
      await denied.body?.cancel()
      assertEquals(denied.status, 401, 'no token over TCP')
      const info = Deno.statSync(`${dir}/run/c.sock`)
      assertEquals((info.mode ?? 0) & 0o777, 0o600, 'socket mode')
      const conn = await Deno.connect({ transport: 'unix', path: `${dir}/run/c.sock` })
      await conn.write(new TextEncoder().encode('GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))
      let text = ''
      const buf = new Uint8Array(4096)
      for (;;) {
        const n = await conn.read(buf)
        if (n === null) break
        text += new TextDecoder().decode(buf.subarray(0, n))
      }
      conn.close()
      assertEquals(text.split('\r\n')[0], 'HTTP/1.1 200 OK', 'health over the socket')
    } finally {
      await tcp.server.close()
      await sock.server.close()
      Deno.removeSync(dir, { recursive: true })
    }
  },
})
