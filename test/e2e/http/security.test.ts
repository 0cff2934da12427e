/**
 * security.md section C over real HTTP on Node, on a 127.0.0.1 port and on a unix socket. Each
 * probe expects an exact status (or a short list), no engine request and no ComposeApi call.
 * The figures are printed at the end (and reported in the issue).
 */
import { statSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBinding } from '../../../adapters/http/serve.ts'
import { chunks, send, sendRaw, type RequestSpec } from './_client.ts'
import { startTestServer, type TestServer } from './_server.ts'

const MiB = 1024 * 1024
const tally: { transport: string; probe: string; status: number; ok: boolean }[] = []

interface Probe {
  name: string
  expect: readonly number[]
  tcpOnly?: boolean
  run(s: TestServer): Promise<number>
}

const json = (s: TestServer, extra: Record<string, string> = {}): Record<string, string> => ({ host: s.hostHeader, ...s.auth, 'content-type': 'application/json', ...extra })
const get = (s: TestServer, path: string, headers: Record<string, string | undefined> = {}): Promise<number> =>
  send(s.binding, { path, headers: { host: s.hostHeader, ...s.auth, ...headers } }).then((r) => r.status)
const postStatus = (s: TestServer, spec: Omit<RequestSpec, 'method'>): Promise<number> => send(s.binding, { method: 'POST', ...spec }).then((r) => r.status)
const portOf = (s: TestServer): number => (s.binding.kind === 'tcp' ? s.binding.port : 0)

const PROBES: Probe[] = [
  // Host allow-list (DNS rebinding)
  { name: 'Host evil.test:PORT', expect: [403], run: (s) => get(s, '/v1/health', { host: `evil.test:${portOf(s)}` }) },
  { name: 'Host evil.test, token route', expect: [403], run: (s) => get(s, '/v1/projects', { host: 'evil.test' }) },
  { name: 'missing Host (HTTP/1.0)', expect: [400], run: async (s) => (await sendRaw(s.binding, 'GET /v1/health HTTP/1.0\r\n\r\n')).status },
  { name: 'missing Host (HTTP/1.1)', expect: [400], run: async (s) => (await sendRaw(s.binding, 'GET /v1/health HTTP/1.1\r\nConnection: close\r\n\r\n')).status },
  { name: 'Host 127.0.0.1 on another port', expect: [403], tcpOnly: true, run: (s) => get(s, '/v1/health', { host: `127.0.0.1:${portOf(s) + 1}` }) },
  { name: 'Host localhost:PORT passes', expect: [200], run: (s) => get(s, '/v1/openapi.json', { host: s.binding.kind === 'tcp' ? `localhost:${portOf(s)}` : 'localhost' }) },
  { name: 'Host 127.0.0.1:PORT passes', expect: [200], run: (s) => get(s, '/v1/openapi.json', { host: s.binding.kind === 'tcp' ? `127.0.0.1:${portOf(s)}` : '127.0.0.1' }) },
  { name: 'Host [::1]:PORT passes', expect: [200], run: (s) => get(s, '/v1/openapi.json', { host: s.binding.kind === 'tcp' ? `[::1]:${portOf(s)}` : '[::1]' }) },
  // Cross-origin and CSRF
  { name: 'POST with Origin https://evil.test', expect: [403], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { origin: 'https://evil.test' }), body: '{}' }) },
  { name: 'POST with Origin of another localhost port', expect: [403], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { origin: 'http://localhost:1' }), body: '{}' }) },
  { name: 'POST text/plain, no Origin', expect: [403], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { 'content-type': 'text/plain' }), body: '{}' }) },
  { name: 'POST form-urlencoded', expect: [403], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { 'content-type': 'application/x-www-form-urlencoded' }), body: 'a=1' }) },
  { name: 'POST without Content-Type', expect: [403], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: { host: s.hostHeader, ...s.auth } }) },
  { name: 'POST application/xml', expect: [415], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { 'content-type': 'application/xml' }), body: '<a/>' }) },
  { name: 'Sec-Fetch-Site: cross-site', expect: [403], run: (s) => get(s, '/v1/projects', { 'sec-fetch-site': 'cross-site' }) },
  {
    name: 'WebSocket upgrade with a foreign Origin',
    expect: [403],
    run: async (s) =>
      (await sendRaw(s.binding, `GET /v1/projects/dir%3Ademo/events HTTP/1.1\r\nHost: ${s.hostHeader}\r\nAuthorization: ${s.auth.authorization}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: https://evil.test\r\n\r\n`)).status,
  },
  // Token
  { name: 'no token', expect: [401], run: (s) => get(s, '/v1/projects', { authorization: undefined }) },
  { name: 'wrong token', expect: [401], run: (s) => get(s, '/v1/projects', { authorization: 'Bearer wrong-wrong-wrong-wrong-wrong' }) },
  { name: 'wrong prefix (Basic)', expect: [400], run: (s) => get(s, '/v1/projects', { authorization: `Basic ${s.token.token}` }) },
  { name: 'token in the query string only', expect: [400], run: (s) => get(s, `/v1/projects?access_token=${s.token.token}`, { authorization: undefined }) },
  { name: 'no token on openapi.json', expect: [401], run: (s) => get(s, '/v1/openapi.json', { authorization: undefined }) },
  // Body limits
  { name: '1 MiB + 1 with Content-Length', expect: [413], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s), body: new Uint8Array(MiB + 1).fill(32) }) },
  { name: '1 MiB + 1 chunked', expect: [413], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { 'transfer-encoding': 'chunked' }), body: chunks(MiB + 1) }) },
  { name: '8 MiB chunked', expect: [413], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s, { 'transfer-encoding': 'chunked' }), body: chunks(8 * MiB) }) },
  {
    name: 'Content-Length with Transfer-Encoding',
    expect: [400, 413],
    run: async (s) =>
      (await sendRaw(s.binding, `POST /v1/projects/dir%3Ademo/up HTTP/1.1\r\nHost: ${s.hostHeader}\r\nAuthorization: ${s.auth.authorization}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`)).status,
  },
  // Paths
  { name: 'dir:..%2f (encoded /)', expect: [400], run: (s) => get(s, '/v1/projects/dir%3A..%2Foutside/ps') },
  { name: '%2e%2e%2f', expect: [400], run: (s) => get(s, '/v1/projects/%2e%2e%2f%2e%2e%2fetc/ps') },
  { name: 'dir:%2e%2e%2f', expect: [400], run: (s) => get(s, '/v1/projects/dir%3A%2e%2e%2foutside/ps') },
  { name: 'double-encoded %252e%252e%252f', expect: [400], run: (s) => get(s, '/v1/projects/%252e%252e%252fetc/ps') },
  { name: '%00 in a name', expect: [400], run: (s) => get(s, '/v1/projects/demo%00/ps') },
  { name: '%00 in a dir', expect: [400], run: (s) => get(s, '/v1/projects/dir%3Ademo%00x/ps') },
  { name: '# in a name', expect: [400], run: (s) => get(s, '/v1/projects/demo%23x/ps') },
  { name: 'absolute dir:/etc', expect: [400], run: (s) => get(s, '/v1/projects/dir%3A%2Fetc/ps') },
  { name: 'symlink out of the root', expect: [403], run: (s) => get(s, '/v1/projects/dir%3Aescape/ps') },
  { name: 'raw ../ in the request target', expect: [400, 404], run: async (s) => (await sendRaw(s.binding, `GET /v1/projects/../../../etc/passwd HTTP/1.1\r\nHost: ${s.hostHeader}\r\nAuthorization: ${s.auth.authorization}\r\nConnection: close\r\n\r\n`)).status },
  // Input
  { name: 'malformed JSON', expect: [400], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s), body: '{"services": [' }) },
  { name: 'unknown body field', expect: [400], run: (s) => postStatus(s, { path: '/v1/projects/dir%3Ademo/up', headers: json(s), body: '{"privileged": true}' }) },
]

for (const transport of ['tcp', 'socket'] as const) {
  describe(`HTTP security probes over ${transport}`, () => {
    let s: TestServer
    beforeAll(async () => {
      s = await startTestServer({ socket: transport === 'socket' })
    })
    afterAll(async () => {
      await s.close()
    })

    for (const probe of PROBES) {
      if (probe.tcpOnly === true && transport !== 'tcp') continue
      it(`${probe.name} → ${probe.expect.join('/')}`, async () => {
        const engineBefore = s.engineCalls()
        const status = await probe.run(s)
        const ok = probe.expect.includes(status) && s.engineCalls() === engineBefore && s.api.calls.length === 0
        tally.push({ transport, probe: probe.name, status, ok })
        expect(probe.expect).toContain(status)
        expect(s.engineCalls()).toBe(engineBefore)
        expect(s.api.calls).toHaveLength(0)
      })
    }

    it('malformed JSON → 400 says what is wrong', async () => {
      const r = await send(s.binding, { method: 'POST', path: '/v1/projects/dir%3Ademo/up', headers: json(s), body: '{"services": [' })
      expect(JSON.parse(r.text)).toMatchObject({ code: 'HTTP_BAD_REQUEST', message: expect.stringMatching(/^malformed JSON body: .+/) })
      tally.push({ transport, probe: 'malformed JSON message', status: r.status, ok: true })
    })

    it('token file has mode 0600', () => {
      const mode = statSync(s.token.file).mode & 0o777
      tally.push({ transport, probe: 'token file mode 0600', status: mode, ok: mode === 0o600 })
      expect(mode).toBe(0o600)
    })

    if (transport === 'socket') {
      it('the socket has mode 0600 in a 0700 directory', () => {
        const path = s.binding.kind === 'socket' ? s.binding.path : ''
        expect(statSync(path).mode & 0o777).toBe(0o600)
        expect(statSync(path.replace(/\/[^/]+$/, '')).mode & 0o777).toBe(0o700)
        tally.push({ transport, probe: 'socket mode 0600, dir 0700', status: 0, ok: true })
      })
    } else {
      it('listens on 127.0.0.1 only: the LAN address refuses', async () => {
        expect(s.binding).toMatchObject({ kind: 'tcp', host: '127.0.0.1' })
        const lan = Object.values(networkInterfaces())
          .flat()
          .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
        if (lan !== undefined) {
          const error = await send({ kind: 'tcp', host: lan.address, port: portOf(s) }, { path: '/v1/health' }).then(
            () => undefined,
            (e: NodeJS.ErrnoException) => e.code,
          )
          expect(error).toBe('ECONNREFUSED')
        }
        tally.push({ transport, probe: `LAN address ${lan?.address ?? '(none)'} refused`, status: 0, ok: true })
      })
      it('refuses --host 0.0.0.0 without a token, and defaults to a unix socket', () => {
        expect(() => toBinding({ host: '0.0.0.0', port: 0, token: '' }, '/s')).toThrow(/without a token/)
        expect(toBinding({ token: 't' }, '/s')).toEqual({ kind: 'socket', path: '/s' })
        tally.push({ transport, probe: 'binding rules', status: 0, ok: true })
      })
    }
  })
}

afterAll(() => {
  const passed = tally.filter((t) => t.ok).length
  const lines = tally.map((t) => `  ${t.ok ? 'ok  ' : 'FAIL'} [${t.transport}] ${t.probe} (${t.status})`)
  console.log(`HTTP security probes: ${passed}/${tally.length} as expected\n${lines.join('\n')}`)
})
