/**
 * A compose file under a --root cannot reach outside it: env_file, extends, include and build
 * contexts that leave the root (directly or through a symlink) are refused with 403, and nothing
 * is created on the engine.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listContainers } from '../../../core/engine/api/containers.ts'
import { createDefaultApi } from '../../../adapters/http/default-api.ts'
import { describeEngine, newClient, uniquePrefix } from '../helpers.ts'
import { send, type Reply } from './_client.ts'
import { startTestServer, type TestServer } from './_server.ts'

const NAME = uniquePrefix('http-confine')

describeEngine('HTTP projects stay under their --root', () => {
  let s: TestServer

  beforeAll(async () => {
    s = await startTestServer({ api: (engine) => createDefaultApi({ engine: () => engine, env: process.env }) })
    writeFileSync(join(s.outside, 'secret.env'), 'STOLEN=yes\n')
    writeFileSync(join(s.outside, 'base.yaml'), 'services:\n  base:\n    image: busybox:latest\n')
    mkdirSync(join(s.outside, 'ctx'))
    writeFileSync(join(s.outside, 'ctx', 'Dockerfile'), 'FROM busybox:latest\n')
    const project = (dir: string, yaml: string): void => {
      mkdirSync(join(s.root, dir))
      writeFileSync(join(s.root, dir, 'compose.yaml'), `name: ${NAME}\n${yaml}`)
    }
    project('envfile', `services:\n  web:\n    image: busybox:latest\n    env_file: ../../outside/secret.env\n`)
    project('extends', `services:\n  web:\n    extends: { file: ${join(s.outside, 'base.yaml')}, service: base }\n`)
    project('include', `include: [../../outside/base.yaml]\nservices:\n  web:\n    image: busybox:latest\n`)
    project('linked', `services:\n  web:\n    image: busybox:latest\n    env_file: ./link/secret.env\n`)
    symlinkSync(s.outside, join(s.root, 'linked', 'link'))
    project('build', `services:\n  web:\n    image: ${NAME}-built\n    build: ../../outside/ctx\n`)
  }, 60_000)

  afterAll(async () => {
    await s?.close()
  })

  const req = (method: 'GET' | 'POST', dir: string, route: string): Promise<Reply> =>
    send(s.binding, {
      method,
      path: `/v1/projects/dir%3A${dir}/${route}`,
      headers: { host: s.hostHeader, ...s.auth, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' ? { body: '{}' } : {}),
    })

  for (const dir of ['envfile', 'extends', 'include', 'linked']) {
    it(`refuses a project whose ${dir === 'linked' ? 'env_file through a symlink' : dir} leaves the root`, async () => {
      const r = await req('GET', dir, 'config')
      expect(r.status, r.text).toBe(403)
      expect(r.text).toContain('outside the declared root')
      expect(r.text).not.toContain('STOLEN')
    })
  }

  it('refuses to build or up from a context outside the root, creating nothing', async () => {
    for (const route of ['build', 'up']) {
      const r = await req('POST', 'build', route)
      expect(r.status, r.text).toBe(403)
      expect(r.text).toContain('outside the declared root')
    }
    const client = newClient()
    expect(await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${NAME}`] } })).toEqual([])
    await client.close()
  })
})
