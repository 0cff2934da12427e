/**
 * The Docker Engine API client: resolves the endpoint, negotiates the API version, prefixes
 * paths, maps error statuses to typed errors and lets plugins intercept requests. Endpoint
 * families (containers, images, ...) are plain functions in ./api/ that take this client.
 */
import { ComposeError, type ErrorCode } from '../errors.ts'
import type { Environment } from '../runtime/env.ts'
import { compareApiVersions, negotiateApiVersion, CLIENT_MIN_API_VERSION } from './api-version.ts'
import { resolveEndpoint, type EngineEndpoint } from './host.ts'
import type { EngineRequest, EngineResponse, EngineResponseInfo, HijackedStream, QueryValue, Transport } from './transport.ts'

export interface EngineClientOptions {
  /** The environment to read DOCKER_HOST, DOCKER_CONTEXT, DOCKER_API_VERSION, TLS settings from. */
  env?: Environment
  home?: string
  /** Explicit engine address (`unix://…`, `tcp://…`); wins over the environment and contexts. */
  host?: string
  context?: string
  /** Pin the API version (skips negotiation). DOCKER_API_VERSION does the same. */
  apiVersion?: string
  /** A transport to use instead of the default undici one (tests, other runtimes). */
  transport?: Transport
  /** Called before every request; may rewrite it (the `engine:request` plugin hook). */
  onRequest?: (request: EngineRequest) => void | Promise<void>
  /** Called when a response head arrived (the `engine:responded` plugin hook). */
  onResponse?: (response: EngineResponseInfo) => void | Promise<void>
  /** Upper bound of connections kept to the engine. */
  connections?: number
}

/** Per-call error mapping: status → code, and what the call was about (for messages). */
export interface CallOptions {
  /** Names the object of the call in messages, e.g. `container "web-1"`. */
  what?: string
  /** Statuses other than 2xx that are success for this call (e.g. 304 for start). */
  okStatuses?: readonly number[]
  /** Overrides the default status → code table for this call. */
  codes?: Partial<Record<number, ErrorCode>>
}

const DEFAULT_CODES: Record<number, ErrorCode> = {
  304: 'ENGINE_NOT_MODIFIED',
  400: 'ENGINE_BAD_REQUEST',
  401: 'ENGINE_UNAUTHORIZED',
  403: 'ENGINE_FORBIDDEN',
  404: 'ENGINE_NOT_FOUND',
  409: 'ENGINE_CONFLICT',
  500: 'ENGINE_ERROR',
  503: 'ENGINE_UNAVAILABLE',
}

export class EngineClient {
  readonly endpoint: EngineEndpoint | undefined
  /** Human-readable engine address for messages. */
  readonly address: string
  readonly #given: Transport | undefined
  readonly #connections: number | undefined
  #transport: Promise<Transport> | undefined
  readonly #pinnedVersion: string | undefined
  readonly #onRequest: EngineClientOptions['onRequest']
  readonly #onResponse: EngineClientOptions['onResponse']
  #version: Promise<string> | undefined

  constructor(options: EngineClientOptions = {}) {
    const env = options.env ?? {}
    this.#given = options.transport
    this.#connections = options.connections
    if (options.transport !== undefined) {
      this.address = options.transport.address
    } else {
      this.endpoint = resolveEndpoint({
        env,
        home: options.home ?? env.HOME ?? '/root',
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.context === undefined ? {} : { context: options.context }),
      })
      this.address = this.endpoint.address
    }
    const pinned = options.apiVersion ?? (env.DOCKER_API_VERSION === '' ? undefined : env.DOCKER_API_VERSION)
    if (pinned !== undefined && !/^\d+\.\d+$/.test(pinned)) {
      throw new ComposeError('ENGINE_BAD_REQUEST', `invalid API version "${pinned}" (DOCKER_API_VERSION)`, { hint: 'use a version such as 1.41' })
    }
    this.#pinnedVersion = pinned
    this.#onRequest = options.onRequest
    this.#onResponse = options.onResponse
  }

  /**
   * The transport, made on first use: commands that never talk to the engine (`config`) do not
   * load undici at all.
   */
  #connection(): Promise<Transport> {
    this.#transport ??= (async () => {
      if (this.#given !== undefined) return this.#given
      const { UndiciTransport } = await import('./transport-undici.ts')
      return new UndiciTransport(this.endpoint as EngineEndpoint, this.#connections === undefined ? {} : { connections: this.#connections })
    })()
    return this.#transport
  }

  /** The API version in use: pinned, or min(server's, ours) from `/_ping`. Asked once. */
  apiVersion(signal?: AbortSignal): Promise<string> {
    if (this.#pinnedVersion !== undefined) return Promise.resolve(this.#pinnedVersion)
    this.#version ??= this.#negotiate(signal).catch((error: unknown) => {
      this.#version = undefined
      throw error
    })
    return this.#version
  }

  async #negotiate(signal?: AbortSignal): Promise<string> {
    const res = await this.request({ method: 'GET', path: '/_ping', unversioned: true, ...(signal ? { signal } : {}) })
    await res.dump()
    const server = res.headers['api-version']
    const version = negotiateApiVersion(server)
    if (server !== undefined && compareApiVersions(server, CLIENT_MIN_API_VERSION) < 0) {
      throw new ComposeError('ENGINE_UNAVAILABLE', `the Docker Engine at ${this.address} speaks API ${server}; compose needs ${CLIENT_MIN_API_VERSION} (Docker 20.10) or newer`, {
        hint: 'upgrade the Docker Engine',
      })
    }
    return version
  }

  /** Sends a request and returns the response once its head arrived; non-success statuses throw. */
  async request(req: EngineRequest, call: CallOptions = {}): Promise<EngineResponse> {
    const request: EngineRequest = { ...req, headers: { ...req.headers } }
    if (this.#onRequest !== undefined) await this.#onRequest(request)
    const prefix = request.unversioned === true ? '' : `/v${await this.apiVersion(request.signal)}`
    const fullPath = prefix + request.path + encodeQuery(request.query)
    const res = await (await this.#connection()).request({ ...request, fullPath })
    if (this.#onResponse !== undefined) {
      await this.#onResponse({ method: res.method, path: res.path, status: res.status, headers: res.headers })
    }
    if ((res.status >= 200 && res.status < 300) || call.okStatuses?.includes(res.status) === true) return res
    throw await responseError(res, request, call)
  }

  /** A request whose JSON answer is returned. */
  async json<T>(req: EngineRequest, call?: CallOptions): Promise<T> {
    const res = await this.request(req, call)
    const bytes = await res.bytes()
    if (bytes.byteLength === 0) return undefined as T
    const text = new TextDecoder().decode(bytes)
    try {
      return JSON.parse(text) as T
    } catch (cause) {
      throw new ComposeError('ENGINE_PROTOCOL', `the engine answered ${req.method} ${req.path} with invalid JSON: ${text.slice(0, 200)}`, { cause })
    }
  }

  /** A request whose answer is of no interest (204s, 304s). */
  async send(req: EngineRequest, call?: CallOptions): Promise<number> {
    const res = await this.request(req, call)
    await res.dump()
    return res.status
  }

  /** Upgrades the connection (`Upgrade: tcp`) for attach and exec with stdin. */
  async hijack(req: EngineRequest, call: CallOptions = {}): Promise<HijackedStream> {
    const request: EngineRequest = { ...req, headers: { ...req.headers } }
    if (this.#onRequest !== undefined) await this.#onRequest(request)
    const prefix = `/v${await this.apiVersion(request.signal)}`
    try {
      return await (await this.#connection()).hijack({ ...request, fullPath: prefix + request.path + encodeQuery(request.query) })
    } catch (error) {
      const status = (error as { statusCode?: number; status?: number }).statusCode ?? (error as { status?: number }).status
      if (typeof status === 'number') {
        const code = call.codes?.[status] ?? DEFAULT_CODES[status] ?? 'ENGINE_ERROR'
        throw new ComposeError(code, `${describeCall(request, call)} failed (${status})`, { status, cause: error })
      }
      throw error
    }
  }

  async close(): Promise<void> {
    if (this.#transport !== undefined) await (await this.#transport).close()
  }
}

export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v)
    else if (typeof value === 'boolean') params.set(key, value ? '1' : '0')
    else params.set(key, String(value))
  }
  const s = params.toString()
  return s === '' ? '' : `?${s}`
}

function describeCall(req: EngineRequest, call: CallOptions): string {
  return call.what ?? `${req.method} ${req.path}`
}

async function responseError(res: EngineResponse, req: EngineRequest, call: CallOptions): Promise<ComposeError> {
  let message = ''
  try {
    const text = new TextDecoder().decode(await res.bytes()).trim()
    try {
      const parsed = JSON.parse(text) as { message?: unknown }
      message = typeof parsed.message === 'string' ? parsed.message : text
    } catch {
      message = text
    }
  } catch {
    message = ''
  }
  const code = call.codes?.[res.status] ?? DEFAULT_CODES[res.status] ?? 'ENGINE_ERROR'
  const what = describeCall(req, call)
  const text = message === '' ? `${what}: the engine answered ${res.status}` : `${what}: ${message}`
  return new ComposeError(code, text, { status: res.status, ...(hintFor(code) === undefined ? {} : { hint: hintFor(code) }) })
}

function hintFor(code: ErrorCode): string | undefined {
  switch (code) {
    case 'ENGINE_UNAUTHORIZED':
      return 'log in to the registry with `docker login`'
    default:
      return undefined
  }
}
