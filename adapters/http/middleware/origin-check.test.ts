import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { isAllowedOrigin, originCheck } from './origin-check.ts'

const options = { port: 8080 }
const HOST = 'localhost:8080'

function app(opts: { port?: number } = options): Hono {
  const a = new Hono()
  a.use('*', originCheck(opts))
  a.all('/', (c) => c.text('ok'))
  return a
}

describe('isAllowedOrigin', () => {
  it('allows the origin that matches the Host', () => {
    expect(isAllowedOrigin('http://localhost:8080', HOST, options)).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', options)).toBe(true)
    expect(isAllowedOrigin('http://[::1]:8080', '[::1]:8080', options)).toBe(true)
  })
  it('refuses other origins, ports, hosts, null and junk', () => {
    for (const origin of ['https://evil.test', 'http://localhost:3000', 'http://localhost', 'http://127.0.0.1:8080', 'null', 'file://', 'http://localhost:8080/path', 'http://user@localhost:8080', '']) {
      expect(isAllowedOrigin(origin, HOST, options), origin).toBe(false)
    }
  })
  it('refuses even a matching origin when the Host itself is not allowed', () => {
    expect(isAllowedOrigin('http://evil.test:8080', 'evil.test:8080', options)).toBe(false)
  })
  it('fills in default ports: a unix socket Host "localhost" matches only http://localhost', () => {
    expect(isAllowedOrigin('http://localhost', 'localhost', {})).toBe(true)
    expect(isAllowedOrigin('http://localhost:1', 'localhost', {})).toBe(false)
    expect(isAllowedOrigin('https://localhost', 'localhost', {})).toBe(false)
  })
})

describe('originCheck middleware', () => {
  it('passes requests without Origin (curl, scripts)', async () => {
    expect((await app().request('/', { method: 'POST', headers: { host: HOST } })).status).toBe(200)
  })
  it('passes a same-origin request', async () => {
    const res = await app().request('/', { method: 'POST', headers: { host: HOST, origin: 'http://localhost:8080', 'sec-fetch-site': 'same-origin' } })
    expect(res.status).toBe(200)
  })
  it('refuses a foreign Origin with 403, on GET too', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await app().request('/', { method, headers: { host: HOST, origin: 'https://evil.test' } })
      expect(res.status, method).toBe(403)
    }
  })
  it('refuses Sec-Fetch-Site cross-site and same-site', async () => {
    for (const site of ['cross-site', 'same-site', 'Cross-Site']) {
      const res = await app().request('/', { headers: { host: HOST, 'sec-fetch-site': site } })
      expect(res.status, site).toBe(403)
    }
  })
  it('refuses a WebSocket upgrade from a foreign origin', async () => {
    const res = await app().request('/', { headers: { host: HOST, upgrade: 'websocket', connection: 'Upgrade', origin: 'https://evil.test' } })
    expect(res.status).toBe(403)
  })
})
