import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { tokenAuth } from './token-auth.ts'

const TOKEN = 'a-very-secret-token-123456'

function app(): Hono {
  const a = new Hono()
  a.use('*', tokenAuth({ token: TOKEN, publicPaths: ['/v1/health'] }))
  a.get('/v1/health', (c) => c.text('up'))
  a.get('/v1/secret', (c) => c.text('secret'))
  a.onError((e) => (e instanceof HTTPException ? e.getResponse() : new Response('boom', { status: 500 })))
  return a
}

describe('tokenAuth', () => {
  it('lets the public path through without a token', async () => {
    expect((await app().request('/v1/health')).status).toBe(200)
  })
  it('answers 401 without a token, with WWW-Authenticate and a JSON body', async () => {
    const res = await app().request('/v1/secret')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await res.json()).toMatchObject({ code: 'HTTP_UNAUTHORIZED' })
  })
  it('answers 401 to a wrong token', async () => {
    const res = await app().request('/v1/secret', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'wrong bearer token' })
  })
  it('answers 400 to a wrong scheme', async () => {
    expect((await app().request('/v1/secret', { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(400)
    expect((await app().request('/v1/secret', { headers: { authorization: `Bearer ${TOKEN} x` } })).status).toBe(400)
  })
  it('accepts the right token, scheme case-insensitive', async () => {
    expect((await app().request('/v1/secret', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect((await app().request('/v1/secret', { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200)
  })
  it('refuses a token in the query string, even the right one, even on the public path', async () => {
    for (const q of [`access_token=${TOKEN}`, `token=${TOKEN}`, `Token=${TOKEN}`]) {
      const res = await app().request(`/v1/secret?${q}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.status, q).toBe(400)
    }
    expect((await app().request(`/v1/health?token=${TOKEN}`)).status).toBe(400)
  })
  it('refuses to run with a short or empty token', () => {
    expect(() => tokenAuth({ token: '' })).toThrow(/token/)
    expect(() => tokenAuth({ token: 'short' })).toThrow(/token/)
  })
})
