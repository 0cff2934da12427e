import { describe, expect, it } from 'vitest'
import { EngineClient } from '../client.ts'
import { FakeTransport, type FakeReply, type RecordedRequest } from '../_fake-transport.ts'
import { buildImage, buildQuery, encodeQuery, pullImage, pullImageProgress, pushImage, splitImageRef } from '../index.ts'

const dec = new TextDecoder()

function fake(handler: (req: RecordedRequest) => FakeReply): { client: EngineClient; transport: FakeTransport } {
  const transport = new FakeTransport(handler)
  return { client: new EngineClient({ transport, apiVersion: '1.41' }), transport }
}

function b64urlJson(value: string): unknown {
  return JSON.parse(dec.decode(Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))))
}

describe('images (fake engine)', () => {
  it('splits image references', () => {
    expect(splitImageRef('busybox')).toEqual({ repo: 'busybox', tag: 'latest' })
    expect(splitImageRef('localhost:5000/a/b:1.2')).toEqual({ repo: 'localhost:5000/a/b', tag: '1.2' })
    expect(splitImageRef('localhost:5000/a')).toEqual({ repo: 'localhost:5000/a', tag: 'latest' })
    expect(splitImageRef('a@sha256:abc')).toEqual({ repo: 'a', tag: 'sha256:abc' })
  })

  it('encodes every classic-builder parameter', () => {
    const q = new URLSearchParams(
      encodeQuery(
        buildQuery({
          dockerfile: 'docker/Dockerfile.dev',
          tags: ['a:1', 'b:2'],
          buildArgs: { A: '1', B: null },
          labels: { 'com.x': 'y' },
          target: 'dev',
          cacheFrom: ['a:0'],
          networkMode: 'host',
          shmSize: 1024,
          extraHosts: ['h1:1.2.3.4', 'h2:5.6.7.8'],
          pull: true,
          noCache: true,
          platform: 'linux/amd64',
          quiet: false,
          forceRm: true,
        }),
      ).slice(1),
    )
    expect(q.getAll('t')).toEqual(['a:1', 'b:2'])
    expect(q.getAll('extrahosts')).toEqual(['h1:1.2.3.4', 'h2:5.6.7.8'])
    expect(JSON.parse(q.get('buildargs') ?? '')).toEqual({ A: '1', B: null })
    expect(JSON.parse(q.get('labels') ?? '')).toEqual({ 'com.x': 'y' })
    expect(JSON.parse(q.get('cachefrom') ?? '')).toEqual(['a:0'])
    expect(Object.fromEntries([...q.entries()].filter(([k]) => !['t', 'extrahosts', 'buildargs', 'labels', 'cachefrom'].includes(k)))).toEqual({
      dockerfile: 'docker/Dockerfile.dev',
      q: '0',
      nocache: '1',
      pull: '1',
      rm: '1',
      forcerm: '1',
      shmsize: '1024',
      networkmode: 'host',
      platform: 'linux/amd64',
      target: 'dev',
    })
  })

  it('build streams the context, sends X-Registry-Config and resolves with the image id', async () => {
    const { client, transport } = fake(() => ({ body: '{"stream":"Step 1/1 : FROM busybox"}\n{"aux":{"ID":"sha256:' + 'a'.repeat(64) + '"}}\n{"stream":"Successfully built aaaaaaaaaaaa\\n"}\n' }))
    async function* context(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1, 2])
      yield new Uint8Array([3])
    }
    const seen: unknown[] = []
    const res = await buildImage(client, context(), { tags: ['x:1'], registryAuth: { 'r.example': { username: 'u', password: 'p' } }, onProgress: (m) => seen.push(m) })
    expect(res.imageId).toBe(`sha256:${'a'.repeat(64)}`)
    expect(seen).toHaveLength(3)
    const req = transport.requests[0]
    expect([...(req?.bodyBytes ?? [])]).toEqual([1, 2, 3])
    expect(req?.contentType).toBe('application/x-tar')
    expect(b64urlJson(req?.headers?.['x-registry-config'] ?? '')).toEqual({ 'r.example': { username: 'u', password: 'p' } })
  })

  it('a failed build step rejects with the engine message', async () => {
    const { client } = fake(() => ({ body: '{"stream":"Step 2/2 : RUN false"}\n{"errorDetail":{"code":1,"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},"error":"x"}\n' }))
    await expect(buildImage(client, new Uint8Array(1024), { tags: ['x:1'] })).rejects.toMatchObject({
      code: 'ENGINE_STREAM',
      message: 'building image "x:1": The command \'/bin/sh -c false\' returned a non-zero code: 1',
    })
  })

  it('pull sends fromImage, tag and X-Registry-Auth, throws in-band errors, and resolves after the image is there', async () => {
    const { client, transport } = fake((req) => {
      if (req.path === '/images/create' && req.query?.fromImage === 'bad') return { body: '{"status":"Pulling"}\n{"error":"manifest unknown","errorDetail":{"message":"manifest unknown"}}\n' }
      if (req.path === '/images/create') return { body: '{"status":"Pulling from library/x","id":"1"}\n{"status":"Status: Downloaded newer image for x:1"}\n' }
      return { body: { Id: 'sha256:1', RepoTags: ['x:1'] } }
    })
    const image = await pullImage(client, 'x:1', { auth: { username: 'u', password: 'p', serveraddress: 'https://index.docker.io/v1/' } })
    expect(image.Id).toBe('sha256:1')
    const pull = transport.requests[0]
    expect(pull?.fullPath).toBe('/v1.41/images/create?fromImage=x&tag=1')
    expect(b64urlJson(pull?.headers?.['x-registry-auth'] ?? '')).toEqual({ username: 'u', password: 'p', serveraddress: 'https://index.docker.io/v1/' })
    expect(transport.requests[1]?.fullPath).toBe('/v1.41/images/x%3A1/json')
    const stream = await pullImageProgress(client, 'bad')
    const statuses: string[] = []
    await expect((async () => {
      for await (const m of stream) statuses.push(m.status ?? '')
    })()).rejects.toMatchObject({ code: 'ENGINE_STREAM', message: 'pulling image "bad": manifest unknown' })
    expect(statuses).toEqual(['Pulling'])
  })

  it('push always sends X-Registry-Auth and reports the digest', async () => {
    const { client, transport } = fake(() => ({ body: '{"status":"Pushed"}\n{"aux":{"Tag":"1","Digest":"sha256:d","Size":1}}\n' }))
    expect(await pushImage(client, 'localhost:5000/x:1')).toEqual({ digest: 'sha256:d' })
    expect(transport.requests[0]?.fullPath).toBe('/v1.41/images/localhost%3A5000%2Fx/push?tag=1')
    expect(b64urlJson(transport.requests[0]?.headers?.['x-registry-auth'] ?? '')).toEqual({})
  })
})
