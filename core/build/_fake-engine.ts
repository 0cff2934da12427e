/**
 * Test support: an engine client over a FakeTransport that keeps a tiny image store, pulls from
 * a fake registry, pushes into it and builds by replaying a scripted output. Unit tests of the
 * build, pull and push commands use it instead of a real engine.
 */
import { EngineClient } from '../engine/client.ts'
import { FakeTransport, type RecordedRequest } from '../engine/_fake-transport.ts'

export interface FakeImage {
  Id: string
  Created: string
  Metadata?: { LastTagTime?: string }
}

export interface FakeEngineOptions {
  /** Images present locally, by reference. */
  images?: Record<string, FakeImage>
  /** References the registry can serve; a push adds to it. */
  registry?: Set<string>
  /** Build output lines (JSON objects) for a build request; default: one step and an image id. */
  build?: (req: RecordedRequest) => unknown[]
}

export interface FakeEngine {
  client: EngineClient
  transport: FakeTransport
  images: Record<string, FakeImage>
  registry: Set<string>
  /** `METHOD path` of every request, in order. */
  calls(): string[]
}

const lines = (objects: readonly unknown[]): string => objects.map((o) => `${JSON.stringify(o)}\n`).join('')

export function fullRef(ref: string): string {
  const slash = ref.lastIndexOf('/')
  return ref.lastIndexOf(':') > slash || ref.includes('@') ? ref : `${ref}:latest`
}

export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const images: Record<string, FakeImage> = {}
  for (const [ref, image] of Object.entries(options.images ?? {})) images[fullRef(ref)] = image
  const registry = new Set([...(options.registry ?? [])].map(fullRef))
  let counter = 0
  const nextId = (): string => `sha256:${String(++counter).padStart(64, '0')}`
  const transport = new FakeTransport((req) => {
    const path = decodeURIComponent(req.path)
    const inspect = /^\/images\/(.+)\/json$/.exec(path)
    if (req.method === 'GET' && inspect?.[1] !== undefined) {
      const image = images[fullRef(inspect[1])]
      return image === undefined ? { status: 404, body: { message: `No such image: ${inspect[1]}` } } : { body: { ...image, RepoTags: [fullRef(inspect[1])] } }
    }
    if (req.method === 'POST' && path === '/images/create') {
      const ref = `${String(req.query?.fromImage)}:${String(req.query?.tag)}`
      if (!registry.has(ref)) return { body: lines([{ errorDetail: { message: `manifest for ${ref} not found` }, error: 'x' }]) }
      images[ref] = { Id: nextId(), Created: '2020-01-01T00:00:00Z', Metadata: { LastTagTime: new Date().toISOString() } }
      return { body: lines([{ status: 'Pulling from x', id: 'latest' }, { status: 'Pulling fs layer', id: 'l1' }, { status: 'Downloading', id: 'l1', progressDetail: { current: 5, total: 10 } }, { status: 'Pull complete', id: 'l1' }]) }
    }
    const push = /^\/images\/(.+)\/push$/.exec(path)
    if (req.method === 'POST' && push?.[1] !== undefined) {
      const ref = `${push[1]}:${String(req.query?.tag ?? 'latest')}`
      if (images[ref] === undefined) return { body: lines([{ errorDetail: { message: `An image does not exist locally with the tag: ${push[1]}` }, error: 'x' }]) }
      registry.add(ref)
      return { body: lines([{ status: 'Pushed', id: 'l1' }, { aux: { Tag: req.query?.tag, Digest: `sha256:${'d'.repeat(64)}`, Size: 1 } }]) }
    }
    if (req.method === 'POST' && path === '/build') {
      const out = options.build?.(req) ?? [{ stream: 'Step 1/1 : FROM busybox\n' }, { aux: { ID: nextId() } }]
      const id = out.map((o) => (o as { aux?: { ID?: string } }).aux?.ID).find((x) => x !== undefined)
      const tags = req.query?.t
      if (id !== undefined) for (const t of Array.isArray(tags) ? tags : [tags]) if (typeof t === 'string') images[fullRef(t)] = { Id: id, Created: new Date().toISOString() }
      return { body: lines(out) }
    }
    return { status: 404, body: { message: `fake engine: no route for ${req.method} ${path}` } }
  })
  return {
    client: new EngineClient({ transport, apiVersion: '1.41' }),
    transport,
    images,
    registry,
    calls: () => transport.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`),
  }
}
