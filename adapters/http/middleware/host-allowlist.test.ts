import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { hostAllowlist, isAllowedHost, parseHost } from './host-allowlist.ts'

function app(options: Parameters<typeof hostAllowlist>[0]): Hono {
  const a = new Hono()
  a.use('*', hostAllowlist(options))
  a.get('/', (c) => c.text('ok'))
  return a
}

describe('parseHost', () => {
  it('splits names, ports and IPv6 literals', () => {
    expect(parseHost('LocalHost:8080')).toEqual({ name: 'localhost', port: 8080 })
    expect(parseHost('[::1]:9')).toEqual({ name: '[::1]', port: 9 })
    expect(parseHost('127.0.0.1')).toEqual({ name: '127.0.0.1', port: undefined })
  })
  it('rejects malformed values', () => {
    for (const bad of ['', 'a b', 'user@localhost', 'localhost:99999', 'localhost:0', 'localhost:', '::1', 'localhost/x', 'localhost:80:80']) {
      expect(parseHost(bad), bad).toBeUndefined()
    }
  })
})

describe('isAllowedHost', () => {
  it('allows loopback names with the bound port', () => {
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:8080']) expect(isAllowedHost(host, { port: 8080 }), host).toBe(true)
  })
  it('refuses other ports, other names, rebinding names and look-alikes', () => {
    for (const host of ['localhost:8081', 'localhost', 'evil.test:8080', 'localhost.:8080', 'localhost.evil.test:8080', '127.0.0.2:8080', '0.0.0.0:8080', '[::ffff:127.0.0.1]:8080']) {
      expect(isAllowedHost(host, { port: 8080 }), host).toBe(false)
    }
  })
  it('accepts a port-less Host only when the port is 80', () => {
    expect(isAllowedHost('localhost', { port: 80 })).toBe(true)
  })
  it('accepts exact configured names, not their subdomains', () => {
    expect(isAllowedHost('mybox.lan:8080', { port: 8080, names: ['MyBox.lan'] })).toBe(true)
    expect(isAllowedHost('x.mybox.lan:8080', { port: 8080, names: ['mybox.lan'] })).toBe(false)
  })
  it('accepts any port on a unix socket (no bound port)', () => {
    expect(isAllowedHost('localhost', {})).toBe(true)
    expect(isAllowedHost('localhost:1234', {})).toBe(true)
    expect(isAllowedHost('evil.test', {})).toBe(false)
  })
})

describe('hostAllowlist middleware', () => {
  it('passes an allowed Host', async () => {
    const res = await app({ port: 8080 }).request('/', { headers: { host: 'localhost:8080' } })
    expect(res.status).toBe(200)
  })
  it('answers 400 without a Host', async () => {
    const res = await app({ port: 8080 }).request('/')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'HTTP_BAD_REQUEST', message: 'missing Host header' })
  })
  it('answers 403 to a foreign Host', async () => {
    const res = await app({ port: 8080 }).request('/', { headers: { host: 'evil.test:8080' } })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'HTTP_FORBIDDEN' })
  })
})
