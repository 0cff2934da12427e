import { describe, expect, it } from 'vitest'
import { ComposeError } from '../../core/errors.ts'
import { createChannel } from '../../core/commands/_channel.ts'
import { encodeItem, negotiateStream, streamResponse, type StreamItem } from './stream.ts'

describe('negotiateStream', () => {
  it('picks SSE, NDJSON or the fallback from Accept', () => {
    expect(negotiateStream('text/event-stream', undefined)).toBe('sse')
    expect(negotiateStream('application/json, application/x-ndjson;q=0.9', undefined)).toBe('ndjson')
    expect(negotiateStream('*/*', 'text')).toBe('text')
    expect(negotiateStream(undefined, undefined)).toBeUndefined()
  })
})

describe('encodeItem', () => {
  const item: StreamItem = { event: 'log', data: { a: 'x\ny' }, text: 'line' }
  it('keeps SSE data on one line', () => {
    expect(encodeItem('sse', item)).toBe('event: log\ndata: {"a":"x\\ny"}\n\n')
    expect(encodeItem('ndjson', item)).toBe('{"a":"x\\ny"}\n')
    expect(encodeItem('text', item)).toBe('line\n')
  })
})

describe('streamResponse', () => {
  it('ends with an error event when the source throws', async () => {
    const channel = createChannel<StreamItem>()
    channel.push({ event: 'progress', data: { n: 1 } })
    channel.fail(new ComposeError('ENGINE_NOT_FOUND', 'gone'))
    const text = await streamResponse(channel, { format: 'ndjson', abort: new AbortController() }).text()
    expect(text).toBe('{"n":1}\n{"type":"error","code":"ENGINE_NOT_FOUND","message":"gone"}\n')
  })
  it('aborts and closes the source when the reader cancels', async () => {
    const abort = new AbortController()
    let closed = false
    async function* source(): AsyncGenerator<StreamItem> {
      try {
        for (let i = 0; ; i++) yield { event: 'n', data: i }
      } finally {
        closed = true
      }
    }
    const reader = (streamResponse(source(), { format: 'ndjson', abort }).body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await reader.cancel()
    await new Promise((r) => setTimeout(r, 0))
    expect(abort.signal.aborted).toBe(true)
    expect(closed).toBe(true)
  })
  it('sends SSE heartbeats while idle', async () => {
    const channel = createChannel<StreamItem>()
    const reader = (streamResponse(channel, { format: 'sse', abort: new AbortController(), heartbeatMs: 5 }).body as ReadableStream<Uint8Array>).getReader()
    const dec = new TextDecoder()
    let text = ''
    while (!text.includes(': ping')) text += dec.decode((await reader.read()).value)
    await reader.cancel()
    expect(text.startsWith(': stream open\n\n')).toBe(true)
  })
})
