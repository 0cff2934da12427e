import { afterAll, describe, expect, it } from 'vitest'
import { definePlugin } from '../../core/hooks.ts'
import { createFixture, post } from './_testing/fixture.ts'
import { SECURITY_HEADERS } from './middleware/security-headers.ts'

const seen: string[] = []
const plugin = definePlugin({
  name: 'compose-plugin-status',
  routes: [
    { method: 'GET', path: '/hello/:who', handler: (_req, ctx) => Response.json({ hello: ctx.params.who }) },
    {
      method: 'POST',
      path: '/echo',
      handler: async (req) => {
        const body = (await req.json()) as { text: string }
        seen.push(body.text)
        return Response.json({ echoed: body.text })
      },
    },
    { method: 'GET', path: '/boom', handler: () => { throw new Error('kaboom') } },
  ],
})

const fx = createFixture({ plugins: [plugin] })
afterAll(() => fx.cleanup())

describe('plugin HTTP routes', () => {
  it('are mounted under /v1/plugins/<name> with path parameters', async () => {
    const res = await fx.call('/v1/plugins/compose-plugin-status/hello/world')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ hello: 'world' })
    // a response the plugin made itself gets the security headers from the middleware
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value)
    const echo = await fx.call('/v1/plugins/compose-plugin-status/echo', post({ text: 'hi' }))
    expect(await echo.json()).toEqual({ echoed: 'hi' })
  })

  it('sit behind the same token, Host, Origin and JSON checks as every route', async () => {
    expect((await fx.call('/v1/plugins/compose-plugin-status/hello/x', { auth: false })).status).toBe(401)
    expect((await fx.call('/v1/plugins/compose-plugin-status/hello/x', { headers: { host: 'evil.test' } })).status).toBe(403)
    const crossSite = await fx.call('/v1/plugins/compose-plugin-status/echo', post({ text: 'csrf' }, { origin: 'https://evil.test' }))
    expect(crossSite.status).toBe(403)
    const textPlain = await fx.call('/v1/plugins/compose-plugin-status/echo', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })
    expect(textPlain.status).toBe(403)
    expect(seen).toEqual(['hi'])
  })

  it('turn a throw into a JSON error naming the plugin, without a stack', async () => {
    const res = await fx.call('/v1/plugins/compose-plugin-status/boom')
    const body = (await res.json()) as { code: string; message: string }
    expect(res.status).toBe(500)
    expect(body.code).toBe('PLUGIN_ERROR')
    expect(body.message).toContain('compose-plugin-status')
    expect(JSON.stringify(body)).not.toContain('    at ')
  })

  it('do not exist for plugins the server was not started with', async () => {
    expect((await fx.call('/v1/plugins/compose-plugin-other/hello/x')).status).toBe(404)
  })
})
