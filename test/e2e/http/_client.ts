/**
 * HTTP clients for the e2e suites: node:http for ordinary requests (Host and every header
 * under the test's control, TCP or unix socket), node:net for requests no well-behaved client
 * sends (no Host, CL+TE conflicts, raw paths).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import type { Binding } from '../../../adapters/http/serve.ts'

export interface Reply {
  status: number
  headers: IncomingMessage['headers']
  text: string
}

export interface RequestSpec {
  method?: string
  path: string
  headers?: Record<string, string | undefined>
  body?: string | Uint8Array | AsyncIterable<Uint8Array>
  /** Send no Host header at all. */
  noHost?: boolean
}

function target(binding: Binding): { socketPath: string } | { host: string; port: number } {
  return binding.kind === 'socket' ? { socketPath: binding.path } : { host: binding.host, port: binding.port }
}

/** Starts a request and resolves with the response head; the body is left to the caller. */
export function open(binding: Binding, spec: RequestSpec): Promise<{ res: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(spec.headers ?? {})) if (v !== undefined) headers[k] = v
    const req = httpRequest({ ...target(binding), method: spec.method ?? 'GET', path: spec.path, headers, agent: false, setHost: spec.noHost !== true && headers.host === undefined })
    req.on('response', (res) => resolve({ res, abort: () => req.destroy() }))
    req.on('error', reject)
    const body = spec.body
    if (body === undefined) req.end()
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body)
    else {
      void (async () => {
        for await (const chunk of body) req.write(chunk)
        req.end()
      })().catch(reject)
    }
  })
}

export async function send(binding: Binding, spec: RequestSpec): Promise<Reply> {
  const { res } = await open(binding, spec)
  let text = ''
  res.setEncoding('utf8')
  for await (const chunk of res) text += chunk as string
  return { status: res.statusCode ?? 0, headers: res.headers, text }
}

/**
 * Writes `raw` on a fresh connection; resolves with the first response (head and a
 * Content-Length body) or whatever came before the peer closed.
 */
export function sendRaw(binding: Binding, raw: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = binding.kind === 'socket' ? connect(binding.path) : connect(binding.port, binding.host)
    let text = ''
    let done = false
    const finish = (): void => {
      if (done) return
      done = true
      socket.destroy()
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text })
    }
    socket.setEncoding('utf8')
    socket.on('data', (d: string) => {
      text += d
      const end = text.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? -1)
      if (length >= 0 && Buffer.byteLength(text.slice(end + 4)) >= length) finish()
    })
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish() : reject(e)))
    socket.on('end', finish)
    socket.on('close', finish)
    socket.write(raw)
  })
}

export async function* chunks(total: number, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += size) yield new Uint8Array(Math.min(size, total - sent)).fill(120)
}
