import { describe, expect, it } from 'vitest'
import { FakeTransport } from './_fake-transport.ts'
import { EngineClient } from './client.ts'
import { CLIENT_MAX_API_VERSION } from './api-version.ts'

function pingingTransport(serverVersion: string): FakeTransport {
  return new FakeTransport((req) => (req.path === '/_ping' ? { headers: { 'api-version': serverVersion }, body: 'OK' } : { body: [] }))
}

describe('EngineClient API version', () => {
  it('negotiates once, from /_ping, and prefixes every path', async () => {
    const transport = pingingTransport('1.41')
    const client = new EngineClient({ transport })
    await client.json({ method: 'GET', path: '/containers/json' })
    await client.json({ method: 'GET', path: '/images/json' })
    expect(transport.requests.map((r) => r.fullPath)).toEqual(['/_ping', '/v1.41/containers/json', '/v1.41/images/json'])
  })

  it('caps a newer server at our maximum', async () => {
    const client = new EngineClient({ transport: pingingTransport('1.99') })
    expect(await client.apiVersion()).toBe(CLIENT_MAX_API_VERSION)
  })

  it('DOCKER_API_VERSION pins the version without asking the engine', async () => {
    const transport = pingingTransport('1.41')
    const client = new EngineClient({ transport, env: { DOCKER_API_VERSION: '1.43' } })
    await client.json({ method: 'GET', path: '/info' })
    expect(transport.requests.map((r) => r.fullPath)).toEqual(['/v1.43/info'])
  })

  it('refuses a malformed DOCKER_API_VERSION', () => {
    expect(() => new EngineClient({ transport: pingingTransport('1.41'), env: { DOCKER_API_VERSION: 'latest' } })).toThrow(/invalid API version "latest"/)
  })

  it('refuses engines older than Docker 20.10', async () => {
    const client = new EngineClient({ transport: pingingTransport('1.39') })
    await expect(client.apiVersion()).rejects.toThrow(/speaks API 1\.39; compose needs 1\.41/)
  })
})

describe('EngineClient interceptors (the engine:request / engine:responded hooks)', () => {
  it('lets onRequest rewrite a request and onResponse observe the status', async () => {
    const transport = pingingTransport('1.41')
    const seen: string[] = []
    const client = new EngineClient({
      transport,
      onRequest: (req) => {
        req.headers = { ...req.headers, 'x-trace': 'abc' }
        if (req.path === '/containers/json') req.query = { ...req.query, all: true }
      },
      onResponse: (res) => void seen.push(`${res.method} ${res.path} ${res.status}`),
    })
    await client.json({ method: 'GET', path: '/containers/json' })
    const last = transport.requests.at(-1)
    expect(last?.fullPath).toBe('/v1.41/containers/json?all=1')
    expect(last?.headers).toMatchObject({ 'x-trace': 'abc' })
    expect(seen).toEqual(['GET /_ping 200', 'GET /containers/json 200'])
  })
})
