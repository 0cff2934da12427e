/**
 * Transport over undici's Dispatcher API: one Agent per engine, `request()` for every call,
 * `upgrade()` for hijacked attach/exec. Works unchanged on Node 20+, Bun and Deno
 * (see shared/reference/transport.md).
 *
 * Only the three modules used are imported, by file path: undici's index.js also loads fetch,
 * WebSocket, the cache and mock layers (~100 modules, ~45 ms of every CLI start on Node), and a
 * path inside the package is also what keeps Bun from swapping in its built-in shim, which
 * ignores the dispatcher. The package ships no types for these files; the public ones describe
 * them.
 */
import type { Duplex } from 'node:stream'
import { setImmediate } from 'node:timers'
import type { Agent as AgentClass, Dispatcher } from 'undici/index.js'
// @ts-ignore -- undici's internal files carry no .d.ts; typed below from the package's public types
import AgentModule from 'undici/lib/dispatcher/agent.js'
// @ts-ignore -- as above
import requestModule from 'undici/lib/api/api-request.js'
// @ts-ignore -- as above
import upgradeModule from 'undici/lib/api/api-upgrade.js'
import { ComposeError } from '../errors.ts'
import type { EngineEndpoint } from './host.ts'
import type { EngineRequest, EngineResponse, HijackedStream, Transport } from './transport.ts'
import { connectionError } from './transport-errors.ts'
import { collectBytes } from './bytes.ts'

export interface UndiciTransportOptions {
  /** Upper bound of sockets kept to the engine (default 16). */
  connections?: number
}

type UndiciBody = string | Uint8Array | AsyncIterable<Uint8Array> | null

const Agent = AgentModule as unknown as typeof AgentClass
const apiRequest = requestModule as unknown as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>
const apiUpgrade = upgradeModule as unknown as (this: Dispatcher, options: Dispatcher.UpgradeOptions) => Promise<Dispatcher.UpgradeData>

export class UndiciTransport implements Transport {
  readonly address: string
  readonly #agent: AgentClass
  readonly #origin: string

  constructor(endpoint: EngineEndpoint, options: UndiciTransportOptions = {}) {
    this.address = endpoint.address
    const connections = options.connections ?? 16
    if (endpoint.kind === 'unix') {
      this.#origin = 'http://docker'
      this.#agent = new Agent({ connect: { socketPath: endpoint.socketPath }, connections, headersTimeout: 0, bodyTimeout: 0 })
    } else {
      this.#origin = endpoint.origin
      const tls = endpoint.tls
      this.#agent = new Agent({
        connections,
        headersTimeout: 0,
        bodyTimeout: 0,
        ...(tls === undefined
          ? {}
          : { connect: { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify } }),
      })
    }
    assertRealUndici(this.#agent)
  }

  async request(req: EngineRequest & { fullPath: string }): Promise<EngineResponse> {
    const { headers, body } = encodeBody(req)
    let res: Dispatcher.ResponseData
    try {
      const options = {
        origin: this.#origin,
        path: req.fullPath,
        method: req.method,
        headers,
        // undici streams an async iterable body (chunked); its types only name Readable.
        body: body as Dispatcher.RequestOptions['body'],
        signal: req.signal ?? null,
      }
      res = await apiRequest.call(this.#agent, options)
    } catch (error) {
      throw connectionError(error, this.address, req.signal)
    }
    const responseHeaders = flattenHeaders(res.headers)
    const stream = res.body
    const signal = req.signal
    return {
      method: req.method,
      path: req.path,
      status: res.statusCode,
      headers: responseHeaders,
      body: readBody(stream, this.address, signal),
      bytes: async () => {
        const bytes = await collectBytes(readBody(stream, 'engine', signal))
        await connectionFreed()
        return bytes
      },
      async dump() {
        try {
          await stream.dump()
        } catch {
          // the body is being discarded: a reset connection is of no interest
        }
        await connectionFreed()
      },
    }
  }

  async hijack(req: EngineRequest & { fullPath: string }): Promise<HijackedStream> {
    const { headers, body } = encodeBody(req)
    let socket: Duplex
    try {
      // `origin` and `body` are passed through to dispatch() but missing from UpgradeOptions' type.
      const options = {
        origin: this.#origin,
        path: req.fullPath,
        method: req.method,
        protocol: 'tcp',
        headers,
        signal: req.signal ?? null,
        body,
      } as unknown as Dispatcher.UpgradeOptions
      const upgraded = await apiUpgrade.call(this.#agent, options)
      socket = upgraded.socket
    } catch (error) {
      throw connectionError(error, this.address, req.signal)
    }
    return socketStream(socket, req.signal)
  }

  async close(): Promise<void> {
    await this.#agent.close()
  }
}

/**
 * undici hands a connection back to its pool on the next turn of the event loop after the body
 * ended; a request sent before that opens another connection (the first request of a command,
 * `/_ping`, always did). Waiting that turn keeps a sequence of calls on one connection.
 */
function connectionFreed(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function assertRealUndici(agent: AgentClass): void {
  const a = agent as unknown as { close?: unknown; dispatch?: unknown }
  if (typeof apiRequest !== 'function' || typeof apiUpgrade !== 'function' || typeof a.close !== 'function' || typeof a.dispatch !== 'function') {
    throw new ComposeError('ENGINE_UNSUPPORTED_RUNTIME', 'the undici module loaded here is not the real undici (a runtime shim?)', {
      hint: 'install undici 7 from npm; compose imports its files by path (undici/lib/...)',
    })
  }
}

const textEncoder = new TextEncoder()

function encodeBody(req: EngineRequest): { headers: Record<string, string>; body: UndiciBody } {
  const headers: Record<string, string> = { ...req.headers }
  const b = req.body
  if (b === undefined || b === null) return { headers, body: null }
  if (b instanceof Uint8Array || typeof b === 'string') {
    headers['content-type'] ??= req.contentType ?? 'application/octet-stream'
    return { headers, body: b }
  }
  if (typeof b === 'object' && Symbol.asyncIterator in b) {
    headers['content-type'] ??= req.contentType ?? 'application/octet-stream'
    return { headers, body: b as AsyncIterable<Uint8Array> }
  }
  headers['content-type'] ??= req.contentType ?? 'application/json'
  return { headers, body: textEncoder.encode(JSON.stringify(b)) }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

async function* readBody(stream: AsyncIterable<unknown>, address: string, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array
  } catch (error) {
    if (signal?.aborted) return
    throw connectionError(error, address, signal)
  }
}

function socketStream(socket: Duplex, signal: AbortSignal | undefined): HijackedStream {
  const onAbort = (): void => {
    socket.destroy()
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  async function* output(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of socket) yield chunk as Uint8Array
    } catch (error) {
      if (signal?.aborted) return
      const code = (error as { code?: string }).code
      if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') return
      throw error
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }
  return {
    output: output(),
    write(chunk) {
      return new Promise((resolve, reject) => {
        socket.write(typeof chunk === 'string' ? textEncoder.encode(chunk) : chunk, (err) => (err ? reject(err) : resolve()))
      })
    },
    closeWrite() {
      return new Promise((resolve) => {
        socket.end(() => resolve())
      })
    },
    close() {
      socket.destroy()
    },
  }
}
