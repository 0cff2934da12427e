import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { limitBody } from './body-limit.ts'

function app(): { app: Hono; handled: () => number } {
  let handled = 0
  const a = new Hono()
  a.use('*', limitBody(1024))
  a.post('/', async (c) => {
    handled++
    return c.text(String((await c.req.text()).length))
  })
  return { app: a, handled: () => handled }
}

function chunked(size: number): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close()
      const n = Math.min(100, size - sent)
      sent += n
      controller.enqueue(new Uint8Array(n).fill(97))
    },
  })
}

describe('limitBody', () => {
  it('passes a body at the limit', async () => {
    const { app: a } = app()
    const res = await a.request('/', { method: 'POST', body: 'x'.repeat(1024), headers: { 'content-length': '1024' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('1024')
  })
  it('answers 413 by Content-Length without running the handler', async () => {
    const { app: a, handled } = app()
    const res = await a.request('/', { method: 'POST', body: 'x'.repeat(1025), headers: { 'content-length': '1025' } })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'HTTP_PAYLOAD_TOO_LARGE' })
    expect(handled()).toBe(0)
  })
  it('counts a chunked body before the handler runs', async () => {
    const { app: a, handled } = app()
    const init = { method: 'POST', body: chunked(5000), headers: { 'transfer-encoding': 'chunked' }, duplex: 'half' } as RequestInit
    const res = await a.request('/', init)
    expect(res.status).toBe(413)
    expect(handled()).toBe(0)
  })
  it('does not trust a small Content-Length sent with Transfer-Encoding', async () => {
    const { app: a, handled } = app()
    const init = { method: 'POST', body: chunked(5000), headers: { 'content-length': '10', 'transfer-encoding': 'chunked' }, duplex: 'half' } as RequestInit
    const res = await a.request('/', init)
    expect(res.status).toBe(413)
    expect(handled()).toBe(0)
  })
})
