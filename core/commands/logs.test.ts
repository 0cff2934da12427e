import { describe, expect, it } from 'vitest'
import { encodeFrame } from '../engine/demux.ts'
import type { Project } from '../model/project.ts'
import { fakeEngine, serviceContainer } from './_fake-engine.ts'
import { logs, type LogEntry } from './logs.ts'

const enc = new TextEncoder()
const frames = (...parts: ['stdout' | 'stderr', string][]): Uint8Array[] => parts.map(([s, t]) => encodeFrame(s, enc.encode(t)))
const project = {
  name: 'p',
  services: { web: { name: 'web' }, db: { name: 'db' }, quiet: { name: 'quiet', attach: false } },
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
} as unknown as Project

function engine() {
  const containers = [serviceContainer('p', 'web', 1), serviceContainer('p', 'db', 1, { State: 'exited' }), serviceContainer('p', 'quiet', 1), { ...serviceContainer('p', 'x', 1), Names: ['/custom-name'] }]
  return fakeEngine(containers, (_req, url) => {
    if (url.pathname.endsWith('/events')) return { body: '' }
    const m = /\/containers\/([^/]+)\/(json|logs)$/.exec(url.pathname)
    if (m === null) return undefined
    if (m[2] === 'json') return { body: { Id: m[1], Config: { Tty: false }, State: { StartedAt: '2024-01-01T00:00:00Z', Running: false, Restarting: false } } }
    const id = m[1] as string
    if (id.startsWith('p-web')) return { body: frames(['stdout', 'web one\nweb tw'], ['stdout', 'o\n'], ['stderr', 'web err\n']) }
    if (id.startsWith('p-db')) return { body: frames(['stdout', '2024-01-01T00:00:01.000000001Z db line\n']) }
    return { body: frames(['stdout', `${id} says hi`]) }
  })
}

async function collect(it: AsyncIterable<LogEntry>): Promise<LogEntry[]> {
  const out: LogEntry[] = []
  for await (const e of it) out.push(e)
  return out
}

describe('logs', () => {
  it('merges the lines of the selected containers, split per line and stream', async () => {
    const { client, transport } = engine()
    const lines = await collect(await logs(client, project, { tail: 5 }))
    const byContainer = (name: string): string[] => lines.filter((l) => l.container === name).map((l) => `${l.stream}:${l.line}`)
    expect(byContainer('web-1')).toEqual(['stdout:web one', 'stdout:web two', 'stderr:web err'])
    expect(byContainer('db-1')).toEqual(['stdout:2024-01-01T00:00:01.000000001Z db line'])
    // attach: false services are left out unless named; services unknown to the file too
    expect(lines.some((l) => l.service === 'quiet' || l.service === 'x')).toBe(false)
    const logCall = transport.requests.find((r) => r.path.includes('/logs'))
    const q = new URL(`http://x${logCall?.fullPath}`).searchParams
    expect(q.get('tail')).toBe('5')
    expect(q.get('follow')).toBe('0')
  })

  it('asks for timestamps and takes them off the lines; names custom containers in full', async () => {
    const { client } = engine()
    const [db] = await collect(await logs(client, project, { services: ['db'], timestamps: true }))
    expect(db).toEqual({ container: 'db-1', service: 'db', stream: 'stdout', line: 'db line', timestamp: '2024-01-01T00:00:01.000000001Z' })
    const all = await collect(await logs(client, 'p', {}))
    expect(all.find((l) => l.service === 'x')?.container).toBe('custom-name')
  })

  it('--index needs one service; since and until go to the engine as unix seconds', async () => {
    const { client, transport } = engine()
    await expect(logs(client, project, { index: 1 })).rejects.toThrow('--index requires one service to be selected')
    await expect(logs(client, project, { services: ['nope'] })).rejects.toMatchObject({ code: 'GRAPH_NO_SUCH_SERVICE' })
    await collect(await logs(client, project, { services: ['web'], index: 1, since: '1700000000', until: '2024-01-01T00:00:00Z' }))
    const q = new URL(`http://x${transport.requests.at(-1)?.fullPath}`).searchParams
    expect(q.get('since')).toBe('1700000000')
    expect(q.get('until')).toBe(String(Date.UTC(2024, 0, 1) / 1000))
  })

  it('with follow, ends once the containers have stopped and their output is read', async () => {
    const { client } = engine()
    const lines = await collect(await logs(client, project, { services: ['db'], follow: true }))
    expect(lines.map((l) => l.line)).toEqual(['2024-01-01T00:00:01.000000001Z db line'])
  })

  it('stops reading when the consumer breaks off or the signal aborts', async () => {
    const { client } = engine()
    for await (const _ of await logs(client, project, {})) break
    const controller = new AbortController()
    controller.abort()
    await expect(logs(client, project, {}, { signal: controller.signal })).rejects.toBeDefined()
  })
})
