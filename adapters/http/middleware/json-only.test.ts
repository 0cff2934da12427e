import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { jsonOnly, mediaType } from './json-only.ts'

function app(): Hono {
  const a = new Hono()
  a.use('*', jsonOnly())
  a.all('/', (c) => c.text('ok'))
  return a
}

describe('mediaType', () => {
  it('drops parameters and lower-cases', () => {
    expect(mediaType('Application/JSON; charset=UTF-8')).toBe('application/json')
    expect(mediaType(undefined)).toBe('')
  })
})

describe('jsonOnly', () => {
  it('lets reads through whatever their type', async () => {
    expect((await app().request('/', { headers: { 'content-type': 'text/plain' } })).status).toBe(200)
  })
  it('accepts JSON mutations, in any case and with parameters', async () => {
    for (const type of ['application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8']) {
      expect((await app().request('/', { method: 'POST', headers: { 'content-type': type }, body: '{}' })).status, type).toBe(200)
    }
  })
  it('refuses form-able types and a missing type with 403', async () => {
    for (const type of ['text/plain', 'TEXT/PLAIN;charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await app().request('/', { method: 'POST', headers: { 'content-type': type }, body: '{}' })
      expect(res.status, type).toBe(403)
    }
    const bare = await app().request('/', { method: 'POST' })
    expect(bare.status).toBe(403)
    expect(await bare.json()).toMatchObject({ code: 'HTTP_FORBIDDEN' })
  })
  it('refuses other types with 415', async () => {
    for (const type of ['application/xml', 'application/json-patch+json', 'application/jsonx']) {
      const res = await app().request('/', { method: 'PUT', headers: { 'content-type': type }, body: '{}' })
      expect(res.status, type).toBe(415)
    }
  })
})
