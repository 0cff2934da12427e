import { afterEach, describe, expect, it } from 'vitest'
import { createFixture, type Fixture } from './_testing/fixture.ts'
import { createStreamLimit } from './stream-limit.ts'

describe('createStreamLimit', () => {
  it('refuses past the cap and frees a slot once', () => {
    const limit = createStreamLimit(2)
    const a = limit.acquire()
    limit.acquire()
    expect(() => limit.acquire()).toThrow(expect.objectContaining({ code: 'HTTP_TOO_MANY_REQUESTS' }))
    a()
    a()
    expect(limit.open).toBe(1)
    expect(() => limit.acquire()).not.toThrow()
  })
})

describe('held streams over HTTP', () => {
  let fx: Fixture
  afterEach(() => fx.cleanup())

  it('answers 429 past maxStreams, before the stream starts, and frees the slot when a client leaves', async () => {
    fx = createFixture({ maxStreams: 1 })
    const first = await fx.call('/v1/projects/demo/logs?follow=true', { headers: { accept: 'text/event-stream' } })
    const reader = (first.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    const refused = await fx.call('/v1/projects/demo/events')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ code: 'HTTP_TOO_MANY_REQUESTS' })
    await reader.cancel()
    const next = await fx.call('/v1/projects/demo/events')
    expect(next.status).toBe(200)
    await (next.body as ReadableStream<Uint8Array>).cancel()
  })
})
