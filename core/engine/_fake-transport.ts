/**
 * A Transport that answers from a handler instead of a socket: for unit tests of the endpoint
 * families and of code built on them. Bodies can be split into arbitrary chunks.
 */
import type { EngineRequest, EngineResponse, HijackedStream, Transport } from './transport.ts'

export interface FakeReply {
  status?: number
  headers?: Record<string, string>
  /** A JSON value, text, bytes, or a list of chunks sent one by one. */
  body?: unknown
}

export type RecordedRequest = EngineRequest & { fullPath: string; bodyBytes: Uint8Array | undefined }

const encoder = new TextEncoder()

function toChunks(body: unknown): Uint8Array[] {
  if (body === undefined) return []
  if (Array.isArray(body) && body.every((c) => c instanceof Uint8Array)) return body as Uint8Array[]
  if (body instanceof Uint8Array) return [body]
  if (typeof body === 'string') return [encoder.encode(body)]
  return [encoder.encode(JSON.stringify(body))]
}

async function readRequestBody(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined
  if (body instanceof Uint8Array) return body
  if (typeof body === 'string') return encoder.encode(body)
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const parts: Uint8Array[] = []
    for await (const c of body as AsyncIterable<Uint8Array>) parts.push(c)
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
    let at = 0
    for (const p of parts) {
      out.set(p, at)
      at += p.byteLength
    }
    return out
  }
  return encoder.encode(JSON.stringify(body))
}

export class FakeTransport implements Transport {
  readonly address = 'fake://engine'
  readonly requests: RecordedRequest[] = []
  readonly #handler: (req: RecordedRequest) => FakeReply | Promise<FakeReply>

  constructor(handler: (req: RecordedRequest) => FakeReply | Promise<FakeReply>) {
    this.#handler = handler
  }

  async request(req: EngineRequest & { fullPath: string }): Promise<EngineResponse> {
    const recorded: RecordedRequest = { ...req, bodyBytes: await readRequestBody(req.body) }
    this.requests.push(recorded)
    const reply = await this.#handler(recorded)
    const chunks = toChunks(reply.body)
    async function* body(): AsyncGenerator<Uint8Array> {
      for (const c of chunks) yield c
    }
    return {
      method: req.method,
      path: req.path,
      status: reply.status ?? 200,
      headers: reply.headers ?? {},
      body: body(),
      async bytes() {
        const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
        let at = 0
        for (const c of chunks) {
          out.set(c, at)
          at += c.byteLength
        }
        return out
      },
      async dump() {},
    }
  }

  async hijack(req: EngineRequest & { fullPath: string }): Promise<HijackedStream> {
    const res = await this.request(req)
    if (res.status >= 400) throw Object.assign(new Error(`status ${res.status}`), { statusCode: res.status })
    const written: Uint8Array[] = []
    return {
      output: res.body,
      write: async (chunk) => {
        written.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
      },
      closeWrite: async () => {},
      close: () => {},
    }
  }

  async close(): Promise<void> {}
}
