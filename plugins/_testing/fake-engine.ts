/**
 * An in-memory Docker Engine behind the public `Transport` seam: enough of API 1.41 for `up`,
 * `down` and the lifecycle commands (containers, networks, volumes, image presence, events), so
 * plugin tests run without a daemon and on every runtime. Every request is recorded; events can
 * be pushed (`emitEvent`, `setHealth`) to test plugins that watch the engine.
 */
import type { EngineRequest, EngineResponse, HijackedStream, Transport } from '../../core/index.ts'

/** A request as the fake engine saw it: unversioned path, query, JSON body parsed. */
export interface FakeCall {
  method: string
  path: string
  query: Readonly<Record<string, unknown>>
  body: unknown
  /** The request's signal was already aborted: the fake engine refused it (as a real transport would). */
  aborted?: boolean
}

export interface FakeContainer {
  Id: string
  Name: string
  State: 'created' | 'running' | 'paused' | 'exited'
  Health?: 'starting' | 'healthy' | 'unhealthy'
  /** The create body as received (after every `container:create` handler). */
  body: Record<string, unknown>
  Created: number
}

/** What `GET /events` streams. */
export interface FakeEngineEvent {
  Type: string
  Action: string
  Actor: { ID: string; Attributes: Record<string, string> }
  scope: 'local'
  time: number
  timeNano: number
  status?: string
  id?: string
  from?: string
}

export interface FakeEngineOptions {
  /** Images present locally (default: every image is present). */
  images?: readonly string[]
  apiVersion?: string
}

type Reply = { status: number; body?: unknown; stream?: AsyncIterable<Uint8Array> }

const encoder = new TextEncoder()

export class FakeEngine implements Transport {
  readonly address = 'fake://engine'
  readonly calls: FakeCall[] = []
  readonly containers = new Map<string, FakeContainer>()
  readonly networks = new Map<string, { Id: string; Name: string; Labels: Record<string, string> }>()
  readonly volumes = new Map<string, { Name: string; Labels: Record<string, string> }>()
  readonly #images: Set<string> | undefined
  readonly #apiVersion: string
  readonly #subscribers = new Set<(event: FakeEngineEvent) => void>()
  #seq = 0

  constructor(options: FakeEngineOptions = {}) {
    this.#images = options.images === undefined ? undefined : new Set(options.images)
    this.#apiVersion = options.apiVersion ?? '1.41'
  }

  /** Create bodies of the containers created so far, by container name. */
  createBodies(): Record<string, Record<string, unknown>> {
    return Object.fromEntries([...this.containers.values()].map((c) => [c.Name, c.body]))
  }

  /** Pushes an event to every open `GET /events` stream. */
  emitEvent(event: FakeEngineEvent): void {
    for (const s of this.#subscribers) s(event)
  }

  /** Sets a container's health and emits the `health_status: …` event, as the engine does. */
  setHealth(idOrName: string, health: 'starting' | 'healthy' | 'unhealthy'): void {
    const c = this.#find(idOrName)
    if (c === undefined) throw new Error(`fake engine: no container ${idOrName}`)
    c.Health = health
    if (health !== 'starting') this.#containerEvent(c, `health_status: ${health}`)
  }

  /** Number of open `GET /events` streams. */
  get subscribers(): number {
    return this.#subscribers.size
  }

  async request(req: EngineRequest & { fullPath: string }): Promise<EngineResponse> {
    if (req.signal?.aborted === true) {
      this.calls.push({ method: req.method, path: req.path, query: { ...req.query }, body: undefined, aborted: true })
      throw req.signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
    }
    const body = req.body === undefined || req.body instanceof Uint8Array ? req.body : JSON.parse(JSON.stringify(req.body)) as unknown
    const call: FakeCall = { method: req.method, path: req.path, query: { ...req.query }, body }
    this.calls.push(call)
    const reply = this.#route(call, req.signal)
    const headers: Record<string, string> = { 'api-version': this.#apiVersion, 'content-type': 'application/json' }
    const chunks = reply.body === undefined ? [] : [encoder.encode(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body))]
    const stream = reply.stream ?? (async function* () {
      for (const c of chunks) yield c
    })()
    return {
      method: req.method,
      path: req.path,
      status: reply.status,
      headers,
      body: stream,
      bytes: async () => {
        const parts: Uint8Array[] = []
        for await (const c of stream) parts.push(c)
        const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
        let at = 0
        for (const p of parts) {
          out.set(p, at)
          at += p.byteLength
        }
        return out
      },
      dump: async () => {},
    }
  }

  hijack(): Promise<HijackedStream> {
    return Promise.reject(new Error('fake engine: attach/exec are not supported'))
  }

  async close(): Promise<void> {
    this.#subscribers.clear()
  }

  #route(call: FakeCall, signal: AbortSignal | undefined): Reply {
    const { method, path } = call
    const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent)
    const [root, id, action] = parts
    if (path === '/_ping') return { status: 200, body: 'OK' }
    if (path === '/version') return { status: 200, body: { ApiVersion: this.#apiVersion, Version: '20.10.0-fake', Os: 'linux', Arch: 'amd64' } }
    if (path === '/events') return { status: 200, stream: this.#events(signal) }
    if (root === 'images') return this.#image(method, id, action, call)
    if (root === 'networks') return this.#network(method, id, action, call)
    if (root === 'volumes') return this.#volume(method, id, call)
    if (root === 'containers') return this.#container(method, id, action, call)
    return notFound(`page not found: ${method} ${path}`)
  }

  #image(method: string, name: string | undefined, action: string | undefined, call: FakeCall): Reply {
    if (method === 'POST' && name === 'create') {
      const ref = `${String(call.query.fromImage)}:${String(call.query.tag ?? 'latest')}`
      this.#images?.add(ref)
      return { status: 200, body: `{"status":"Pulling from ${ref}"}\n{"status":"Status: Downloaded newer image for ${ref}"}\n` }
    }
    if (method === 'GET' && name !== undefined && action === 'json') {
      if (this.#images !== undefined && !this.#images.has(name) && !this.#images.has(`${name}:latest`)) return notFound(`No such image: ${name}`)
      return { status: 200, body: { Id: `sha256:${hex(name)}`, RepoTags: [name], Config: {} } }
    }
    return notFound(`fake engine: images ${method} ${name ?? ''}`)
  }

  #network(method: string, id: string | undefined, action: string | undefined, call: FakeCall): Reply {
    if (method === 'GET' && id === undefined) return { status: 200, body: [...this.networks.values()].filter((n) => matches(n.Labels, call.query.filters)) }
    if (method === 'POST' && id === 'create') {
      const b = call.body as { Name: string; Labels?: Record<string, string> }
      if ([...this.networks.values()].some((n) => n.Name === b.Name)) return { status: 409, body: { message: `network with name ${b.Name} already exists` } }
      const Id = this.#id()
      this.networks.set(Id, { Id, Name: b.Name, Labels: b.Labels ?? {} })
      return { status: 201, body: { Id, Warning: '' } }
    }
    const net = [...this.networks.values()].find((n) => n.Id === id || n.Name === id)
    if (net === undefined) return notFound(`network ${id ?? ''} not found`)
    if (method === 'POST' && (action === 'connect' || action === 'disconnect')) return { status: 200 }
    if (method === 'DELETE') {
      this.networks.delete(net.Id)
      return { status: 204 }
    }
    return { status: 200, body: net }
  }

  #volume(method: string, name: string | undefined, call: FakeCall): Reply {
    if (method === 'GET' && name === undefined) return { status: 200, body: { Volumes: [...this.volumes.values()].filter((v) => matches(v.Labels, call.query.filters)), Warnings: null } }
    if (method === 'POST' && name === 'create') {
      const b = call.body as { Name?: string; Labels?: Record<string, string> }
      const v = { Name: b.Name ?? this.#id(), Labels: b.Labels ?? {}, Driver: 'local', Mountpoint: '/fake', Scope: 'local' }
      this.volumes.set(v.Name, v)
      return { status: 201, body: v }
    }
    if (name === undefined || !this.volumes.has(name)) return notFound(`get ${name ?? ''}: no such volume`)
    if (method === 'DELETE') this.volumes.delete(name)
    return method === 'DELETE' ? { status: 204 } : { status: 200, body: this.volumes.get(name) }
  }

  #container(method: string, id: string | undefined, action: string | undefined, call: FakeCall): Reply {
    if (method === 'GET' && id === 'json') {
      const list = [...this.containers.values()].filter((c) => matches(labelsOf(c), call.query.filters) && (call.query.all === true || call.query.all === "1" || call.query.all === 1 || c.State === 'running'))
      return { status: 200, body: list.map((c) => summary(c)) }
    }
    if (method === 'POST' && id === 'create') {
      const name = String(call.query.name ?? this.#id().slice(0, 12))
      if (this.#find(name) !== undefined) return { status: 409, body: { message: `Conflict. The container name "/${name}" is already in use` } }
      const c: FakeContainer = { Id: this.#id(), Name: name, State: 'created', body: (call.body ?? {}) as Record<string, unknown>, Created: Math.floor(Date.now() / 1000) }
      this.containers.set(c.Id, c)
      this.#containerEvent(c, 'create')
      return { status: 201, body: { Id: c.Id, Warnings: [] } }
    }
    const c = id === undefined ? undefined : this.#find(id)
    if (c === undefined) return notFound(`No such container: ${id ?? ''}`)
    if (method === 'GET' && action === 'json') return { status: 200, body: inspect(c) }
    if (method === 'DELETE') {
      this.containers.delete(c.Id)
      this.#containerEvent(c, 'destroy')
      return { status: 204 }
    }
    const next: Record<string, FakeContainer['State']> = { start: 'running', restart: 'running', unpause: 'running', stop: 'exited', kill: 'exited', pause: 'paused' }
    if (method === 'POST' && action !== undefined && next[action] !== undefined) {
      if (action === 'start' && c.State === 'running') return { status: 304 }
      c.State = next[action] as FakeContainer['State']
      if (action === 'start' && hasHealthcheck(c)) c.Health = 'starting'
      this.#containerEvent(c, action === 'kill' || action === 'stop' ? 'die' : action)
      return { status: 204 }
    }
    if (method === 'POST' && action === 'rename') {
      c.Name = String(call.query.name)
      return { status: 204 }
    }
    if (method === 'POST' && action === 'wait') return { status: 200, body: { StatusCode: 0 } }
    return notFound(`fake engine: containers ${method} ${action ?? ''}`)
  }

  #events(signal: AbortSignal | undefined): AsyncIterable<Uint8Array> {
    const queue: FakeEngineEvent[] = []
    let wake: (() => void) | undefined
    const push = (e: FakeEngineEvent): void => {
      queue.push(e)
      wake?.()
    }
    const subscribers = this.#subscribers
    subscribers.add(push)
    const aborted = (): boolean => signal?.aborted === true
    const stop = new Promise<void>((resolve) => {
      const end = (): void => {
        subscribers.delete(push)
        resolve()
      }
      if (aborted()) end()
      signal?.addEventListener('abort', end, { once: true })
    })
    return (async function* () {
      try {
        for (;;) {
          while (queue.length > 0 && !aborted()) yield encoder.encode(`${JSON.stringify(queue.shift())}\n`)
          if (aborted()) return
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stop])
        }
      } finally {
        subscribers.delete(push)
      }
    })()
  }

  #containerEvent(c: FakeContainer, action: string): void {
    const now = Date.now()
    const Attributes = { ...labelsOf(c), name: c.Name, image: String(c.body.Image ?? '') }
    this.emitEvent({ Type: 'container', Action: action, Actor: { ID: c.Id, Attributes }, scope: 'local', time: Math.floor(now / 1000), timeNano: now * 1e6, status: action, id: c.Id, from: Attributes.image })
  }

  #find(idOrName: string): FakeContainer | undefined {
    const byId = this.containers.get(idOrName)
    if (byId !== undefined) return byId
    return [...this.containers.values()].find((c) => c.Name === idOrName || c.Name === idOrName.replace(/^\//, '') || c.Id.startsWith(idOrName))
  }

  #id(): string {
    this.#seq += 1
    return hex(`fake-${this.#seq}-${Date.now()}`).padEnd(64, '0').slice(0, 64)
  }
}

function labelsOf(c: FakeContainer): Record<string, string> {
  return (c.body.Labels ?? {}) as Record<string, string>
}

function hasHealthcheck(c: FakeContainer): boolean {
  const test = (c.body.Healthcheck as { Test?: string[] } | undefined)?.Test
  return test !== undefined && test[0] !== 'NONE'
}

function summary(c: FakeContainer): Record<string, unknown> {
  const health = c.Health === undefined ? '' : ` (${c.Health})`
  return { Id: c.Id, Names: [`/${c.Name}`], Image: c.body.Image, State: c.State, Status: `${c.State}${health}`, Labels: labelsOf(c), Created: c.Created, NetworkSettings: { Networks: {} }, Mounts: [] }
}

function inspect(c: FakeContainer): Record<string, unknown> {
  const state = { Status: c.State, Running: c.State === 'running', Paused: c.State === 'paused', ExitCode: 0, ...(c.Health === undefined ? {} : { Health: { Status: c.Health, FailingStreak: 0, Log: [] } }) }
  return { Id: c.Id, Name: `/${c.Name}`, Created: new Date(c.Created * 1000).toISOString(), State: state, Config: { ...c.body, Labels: labelsOf(c) }, HostConfig: c.body.HostConfig ?? {}, Mounts: [], NetworkSettings: { Networks: {} } }
}

/** `filters={"label":["k=v"]}` (or the `{"k=v":true}` form); other filter keys are ignored. */
function matches(labels: Record<string, string>, filters: unknown): boolean {
  if (typeof filters !== 'string') return true
  const parsed = JSON.parse(filters) as Record<string, string[] | Record<string, boolean>>
  const wanted = parsed.label === undefined ? [] : Array.isArray(parsed.label) ? parsed.label : Object.keys(parsed.label)
  return wanted.every((w) => {
    const at = w.indexOf('=')
    return at === -1 ? w in labels : labels[w.slice(0, at)] === w.slice(at + 1)
  })
}

function notFound(message: string): Reply {
  return { status: 404, body: { message } }
}

function hex(text: string): string {
  let h = 0x811c9dc5
  let out = ''
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out
}
