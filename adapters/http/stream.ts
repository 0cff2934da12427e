/**
 * Streams an async iterable as an HTTP response: Server-Sent Events, NDJSON or plain text.
 * The stream pulls one item at a time (back-pressure); when the client goes away the
 * request's AbortController is aborted first (ending the engine stream behind the iterable)
 * and the iterator is then closed. An error after the head was sent becomes a last event.
 */
import { toHttpError, type ErrorBody } from './errors.ts'
import { secured } from './middleware/security-headers.ts'

export type StreamFormat = 'sse' | 'ndjson' | 'text'

export interface StreamItem {
  /** SSE event name. */
  event: string
  /** JSON for SSE/NDJSON. */
  data: unknown
  /** The line for the text format (a newline is added). */
  text?: string
}

const CONTENT_TYPES: Record<StreamFormat, string> = {
  sse: 'text/event-stream; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  text: 'text/plain; charset=utf-8',
}

/** The format a client asked for in `Accept`; `fallback` when it named none of ours. */
export function negotiateStream(accept: string | undefined, fallback: StreamFormat | undefined): StreamFormat | undefined {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]?.trim().toLowerCase())
  if (types.includes('text/event-stream')) return 'sse'
  if (types.includes('application/x-ndjson')) return 'ndjson'
  return fallback
}

export function encodeItem(format: StreamFormat, item: StreamItem): string {
  if (format === 'sse') return `event: ${item.event}\ndata: ${JSON.stringify(item.data)}\n\n`
  if (format === 'ndjson') return `${JSON.stringify(item.data)}\n`
  return `${item.text ?? JSON.stringify(item.data)}\n`
}

function errorItem(error: unknown): StreamItem {
  const body: ErrorBody = toHttpError(error).body
  return { event: 'error', data: { type: 'error', ...body }, text: `error: ${body.message}` }
}

export interface StreamOptions {
  format: StreamFormat
  /** Aborted when the client disconnects or cancels the body. */
  abort: AbortController
  /** SSE comment sent while idle, so proxies keep the stream and dead peers are noticed. */
  heartbeatMs?: number
  status?: number
  /** Called once when the stream ends, fails or is cancelled. */
  onClose?: () => void
}

export function streamResponse(items: AsyncIterable<StreamItem>, options: StreamOptions): Response {
  const { format, abort } = options
  const encoder = new TextEncoder()
  const iterator = items[Symbol.asyncIterator]()
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let closed = false
  const stop = (): void => {
    if (heartbeat !== undefined) clearInterval(heartbeat)
    heartbeat = undefined
    if (closed) return
    closed = true
    options.onClose?.()
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === 'sse') {
        controller.enqueue(encoder.encode(': stream open\n\n'))
        heartbeat = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(': ping\n\n'))
          } catch {
            stop()
          }
        }, options.heartbeatMs ?? 15_000)
      }
    },
    async pull(controller) {
      try {
        const next = await iterator.next()
        if (next.done === true) {
          stop()
          controller.close()
          return
        }
        controller.enqueue(encoder.encode(encodeItem(format, next.value)))
      } catch (error) {
        stop()
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(encodeItem(format, errorItem(error))))
        controller.close()
      }
    },
    cancel(reason) {
      stop()
      abort.abort(reason ?? new Error('client disconnected'))
      // Not awaited: a pending next() settles once the abort ended the source.
      void iterator.return?.()?.catch(() => {})
    },
  }, { highWaterMark: 0 })
  return secured(body, options.status ?? 200, { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-store', 'x-accel-buffering': 'no' })
}
