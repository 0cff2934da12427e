import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeEngine } from '../build/_fake-engine.ts'
import type { ComposeEvent } from '../events.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { build } from './build.ts'
import { projectOf } from './_project-fixture.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compose-build-cmd-'))
  await writeFile(join(dir, 'Dockerfile'), 'FROM busybox\n')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return projectOf('shop', services, { extra: { environment: { FROM_ENV: 'env-value' } } })
}

const b64 = (s: string): unknown => JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')))

describe('build command', () => {
  it('builds every service with a build section, dependencies first, and reports progress', async () => {
    const engine = createFakeEngine()
    const events: ComposeEvent[] = []
    const p = project({
      app: { build: { context: dir }, depends_on: { base: { condition: 'service_started', required: true } } },
      base: { build: { context: dir }, image: 'shop/base:1' },
      db: { image: 'busybox' },
    })
    const result = await build(engine.client, p, {}, { emit: (e) => events.push(e) })
    expect(result.built.map((b) => [b.service, b.image])).toEqual([['base', 'shop/base:1'], ['app', 'shop-app']])
    expect(result.skipped).toEqual(['db'])
    expect(events.filter((e) => e.type === 'progress' && e.id === 'Image shop-app').map((e) => (e as { status: string }).status)).toEqual(['Building', 'Building', 'Built'])
    expect(engine.images['shop-app:latest']?.Id).toBe(result.built[1]?.imageId)
  })

  it('with services builds only them unless --with-dependencies', async () => {
    const engine = createFakeEngine()
    const p = project({ app: { build: { context: dir }, depends_on: { base: { condition: 'service_started', required: true } } }, base: { build: { context: dir } } })
    expect((await build(engine.client, p, { services: ['app'] })).built.map((b) => b.service)).toEqual(['app'])
    expect((await build(engine.client, p, { services: ['app'], withDependencies: true })).built.map((b) => b.service)).toEqual(['base', 'app'])
    expect(await build(engine.client, p, { dryRun: true })).toEqual({ built: [], skipped: [], planned: ['base', 'app'] })
  })

  it('passes --no-cache, --pull, --build-arg and the Docker config credentials to the builder', async () => {
    const config = join(dir, 'docker-config')
    await mkdir(config)
    await writeFile(join(config, 'config.json'), JSON.stringify({ auths: { 'reg.example:5000': { auth: btoa('u:p') } } }))
    const engine = createFakeEngine()
    const p = project({ web: { build: { context: dir, args: { A: 'file' } } } })
    await build(engine.client, p, { noCache: true, pull: true, buildArgs: { A: 'cli', FROM_ENV: null } }, { auth: { env: { DOCKER_CONFIG: config }, home: dir } })
    const req = engine.transport.requests.find((r) => r.path === '/build')
    expect(req?.query).toMatchObject({ nocache: true, pull: true, dockerfile: 'Dockerfile', t: ['shop-web'] })
    expect(JSON.parse(String(req?.query?.buildargs))).toEqual({ A: 'cli', FROM_ENV: 'env-value' })
    expect(b64(req?.headers?.['x-registry-config'] ?? '')).toEqual({ 'reg.example:5000': { username: 'u', password: 'p', serveraddress: 'reg.example:5000' } })
  })

  it('reports a failed step with its output as BUILD_FAILED naming the service', async () => {
    const engine = createFakeEngine({
      build: () => [
        { stream: 'Step 1/3 : FROM busybox\n' },
        { stream: ' ---> 4f7868b1cfb6\n' },
        { stream: 'Step 2/3 : RUN make\n' },
        { stream: ' ---> Running in 0123456789ab\n' },
        { stream: 'make: *** No rule to make target\n' },
        { errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" }, error: 'x' },
      ],
    })
    const events: ComposeEvent[] = []
    const error = await build(engine.client, project({ web: { build: { context: dir } } }), {}, { emit: (e) => events.push(e) }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'BUILD_FAILED',
      message: "service \"web\": failed to build shop-web at Step 2/3 : RUN make\n  make: *** No rule to make target\nThe command '/bin/sh -c make' returned a non-zero code: 2",
    })
    expect(events.at(-1)).toEqual({ type: 'progress', id: 'Image shop-web', status: 'Error' })
  })

  it('aggregates several failures and keeps the context errors with the service named', async () => {
    const engine = createFakeEngine()
    const p = project({ a: { build: { context: join(dir, 'missing') } }, b: { build: { context: dir, dockerfile: 'Nope' } } })
    const error = await build(engine.client, p).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BUILD_CONTEXT' })
    expect((error as Error).message).toMatch(/service "a": unable to prepare context[\s\S]*service "b": Cannot locate specified Dockerfile/)
    expect((error as { issues: unknown[] }).issues).toHaveLength(2)
  })

  it('-q emits warnings only', async () => {
    const engine = createFakeEngine()
    const events: ComposeEvent[] = []
    await build(engine.client, project({ web: { build: { context: dir, sbom: 'true' } } }), { quiet: true }, { emit: (e) => events.push(e) })
    expect(events).toEqual([{ type: 'warning', message: 'service "web": build.sbom is ignored by the classic builder' }])
  })
})
