import { describe, expect, it } from 'vitest'
import { EngineClient } from '../client.ts'
import { encodeFrame } from '../demux.ts'
import { FakeTransport, type FakeReply, type RecordedRequest } from '../_fake-transport.ts'
import {
  containerLogs,
  createContainer,
  decodePathStat,
  killContainer,
  listContainers,
  removeContainer,
  startContainer,
  statContainerPath,
  stopContainer,
} from './containers.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

function fake(handler: (req: RecordedRequest) => FakeReply): { client: EngineClient; transport: FakeTransport } {
  const transport = new FakeTransport(handler)
  return { client: new EngineClient({ transport, apiVersion: '1.41' }), transport }
}

describe('containers (fake engine)', () => {
  it('encodes list filters as JSON and booleans as 1/0', async () => {
    const { client, transport } = fake(() => ({ body: [] }))
    await listContainers(client, { all: true, filters: { label: ['com.docker.compose.project=x'], name: [] } })
    const url = new URL(`http://x${transport.requests[0]?.fullPath ?? ''}`)
    expect(url.pathname).toBe('/v1.41/containers/json')
    expect(url.searchParams.get('all')).toBe('1')
    expect(JSON.parse(url.searchParams.get('filters') ?? '')).toEqual({ label: ['com.docker.compose.project=x'] })
  })

  it('sends name and platform on create', async () => {
    const { client, transport } = fake(() => ({ status: 201, body: { Id: 'abc', Warnings: [] } }))
    const res = await createContainer(client, { Image: 'busybox' }, { name: 'web-1', platform: 'linux/amd64' })
    expect(res.Id).toBe('abc')
    expect(transport.requests[0]?.fullPath).toBe('/v1.41/containers/create?name=web-1&platform=linux%2Famd64')
    expect(JSON.parse(dec.decode(transport.requests[0]?.bodyBytes))).toEqual({ Image: 'busybox' })
  })

  it('maps 404 to ENGINE_NOT_FOUND and 409 to ENGINE_CONFLICT, naming the container', async () => {
    const { client } = fake((req) =>
      req.path.endsWith('/start') ? { status: 404, body: { message: 'No such container: nope' } } : { status: 409, body: { message: 'Conflict. The container name "/web" is already in use' } },
    )
    await expect(startContainer(client, 'nope')).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND', status: 404, message: 'container "nope": No such container: nope' })
    await expect(createContainer(client, { Image: 'busybox' }, { name: 'web' })).rejects.toMatchObject({ code: 'ENGINE_CONFLICT', status: 409 })
  })

  it('treats 304 on start and stop as done', async () => {
    const { client, transport } = fake(() => ({ status: 304 }))
    await startContainer(client, 'a')
    await stopContainer(client, 'a', { timeout: 0 })
    expect(transport.requests.map((r) => r.fullPath)).toEqual(['/v1.41/containers/a/start', '/v1.41/containers/a/stop?t=0'])
  })

  it('sends kill signals and remove flags', async () => {
    const { client, transport } = fake(() => ({ status: 204 }))
    await killContainer(client, 'a', { killSignal: 'SIGTERM' })
    await removeContainer(client, 'a', { force: true, volumes: true })
    expect(transport.requests.map((r) => r.fullPath)).toEqual(['/v1.41/containers/a/kill?signal=SIGTERM', '/v1.41/containers/a?force=1&v=1'])
  })

  it('demultiplexes logs split at odd places, and passes TTY logs through raw', async () => {
    const wire = new Uint8Array([...encodeFrame('stdout', enc.encode('out\n')), ...encodeFrame('stderr', enc.encode('err\n'))])
    const { client, transport } = fake((req) => {
      if (req.path.endsWith('/json')) return { body: { Config: { Tty: true } } }
      return { body: [wire.slice(0, 3), wire.slice(3, 13), wire.slice(13)] }
    })
    const frames: string[] = []
    for await (const f of await containerLogs(client, 'a', { tty: false, tail: 10, since: 1700000000.5 })) frames.push(`${f.stream}:${dec.decode(f.data)}`)
    expect(frames).toEqual(['stdout:out\n', 'stderr:err\n'])
    expect(transport.requests[0]?.fullPath).toBe('/v1.41/containers/a/logs?since=1700000000.500000000&tail=10&stdout=1&stderr=1')
    const raw: string[] = []
    for await (const f of await containerLogs(client, 'a')) raw.push(f.stream)
    expect(raw).toEqual(['stdout', 'stdout', 'stdout'])
  })

  it('decodes the path stat header of HEAD archive', async () => {
    const stat = { name: 'x', size: 3, mode: 420, mtime: '2024-01-01T00:00:00Z', linkTarget: '' }
    const header = btoa(JSON.stringify(stat))
    const { client } = fake(() => ({ headers: { 'x-docker-container-path-stat': header } }))
    expect(await statContainerPath(client, 'a', '/x')).toEqual(stat)
    expect(decodePathStat(undefined)).toBeUndefined()
    expect(() => decodePathStat('%%%')).toThrow(expect.objectContaining({ code: 'ENGINE_PROTOCOL' }))
  })
})
