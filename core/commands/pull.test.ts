import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeEngine } from '../build/_fake-engine.ts'
import type { ComposeEvent } from '../events.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { pull } from './pull.ts'
import { projectOf } from './_project-fixture.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compose-pull-cmd-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return projectOf('shop', services)
}

const b64 = (s: string): unknown => JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')))
const present = { Id: 'sha256:local', Created: '2020-01-01T00:00:00Z' }

describe('pull command', () => {
  it('pulls what it should, skips the rest with docker compose reasons', async () => {
    const engine = createFakeEngine({ images: { 'reg:5000/here:1': present, 'reg:5000/unset:1': present }, registry: new Set(['reg:5000/a:1', 'reg:5000/unset:1', 'reg:5000/daily:1']) })
    const events: ComposeEvent[] = []
    const p = project({
      built: { build: { context: '.' } },
      a: { image: 'reg:5000/a:1' },
      twin: { image: 'reg:5000/a:1' },
      never: { image: 'reg:5000/n:1', pull_policy: 'never' },
      byBuild: { image: 'reg:5000/b:1', pull_policy: 'build', build: { context: '.' } },
      here: { image: 'reg:5000/here:1', pull_policy: 'missing' },
      unset: { image: 'reg:5000/unset:1' },
      daily: { image: 'reg:5000/daily:1', pull_policy: 'daily' },
    })
    const result = await pull(engine.client, p, {}, { emit: (e) => events.push(e) })
    expect(result.pulled.map((x) => x.service).sort()).toEqual(['a', 'daily', 'unset'])
    expect(result.skipped.map((s) => [s.service, s.reason]).sort()).toEqual([
      ['built', 'No image to be pulled'],
      ['byBuild', 'pull_policy is build'],
      ['here', 'Image is already present locally'],
      ['never', 'pull_policy is never'],
      ['twin', 'Image is already being pulled by a'],
    ])
    const a = events.filter((e) => e.type === 'progress' && e.id === 'Image reg:5000/a:1')
    expect(a[0]).toMatchObject({ status: 'Pulling' })
    expect(a.some((e) => e.type === 'progress' && e.detail === '1/1 layer  10B/10B')).toBe(true)
    expect(a.at(-1)).toMatchObject({ status: 'Pulled' })
  })

  it('pulls pre_start hook images under their service policy, build meaning missing', async () => {
    const engine = createFakeEngine({ images: { 'r:1/here:1': present }, registry: new Set(['r:1/app:1', 'r:1/migrate:1', 'r:1/seed:1']) })
    const p = project({
      app: { image: 'r:1/app:1', pre_start: [{ image: 'r:1/migrate:1', command: ['m'] }, { command: ['uses the service image'] }] },
      built: { build: { context: '.' }, pull_policy: 'build', pre_start: [{ image: 'r:1/seed:1' }, { image: 'r:1/here:1' }] },
      off: { image: 'r:1/app:1', pull_policy: 'never', pre_start: [{ image: 'r:1/never:1' }] },
    })
    const result = await pull(engine.client, p)
    expect(result.pulled.map((x) => x.image).sort()).toEqual(['r:1/app:1', 'r:1/migrate:1', 'r:1/seed:1'])
    expect(result.skipped.map((s) => [s.service, s.image, s.reason]).sort()).toEqual([
      ['built', undefined, 'No image to be pulled'],
      ['built', 'r:1/here:1', 'Image is already present locally'],
      ['off', 'r:1/app:1', 'pull_policy is never'],
      ['off', 'r:1/never:1', 'pull_policy is never'],
    ])
  })

  it('--policy always pulls present images; --include-deps adds dependencies; -q is silent', async () => {
    const engine = createFakeEngine({ images: { 'r:1/x:1': present }, registry: new Set(['r:1/x:1', 'r:1/dep:1']) })
    const p = project({ x: { image: 'r:1/x:1', pull_policy: 'missing', depends_on: { dep: { condition: 'service_started', required: true } } }, dep: { image: 'r:1/dep:1' } })
    const events: ComposeEvent[] = []
    expect((await pull(engine.client, p, { services: ['x'], policy: 'always', quiet: true }, { emit: (e) => events.push(e) })).pulled.map((r) => r.service)).toEqual(['x'])
    expect(events).toEqual([])
    expect((await pull(engine.client, p, { services: ['x'], includeDeps: true, policy: 'always' })).pulled.map((r) => r.service).sort()).toEqual(['dep', 'x'])
  })

  it('fails on a missing image unless ignored, and asks to build buildable ones', async () => {
    const engine = createFakeEngine()
    const p = project({ gone: { image: 'r:1/gone:1' }, src: { image: 'r:1/src:1', build: { context: '.' } } })
    const events: ComposeEvent[] = []
    const error = await pull(engine.client, p, {}, { emit: (e) => events.push(e) }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'IMAGE_PULL_FAILED', message: 'service "gone": pull of r:1/gone:1 failed: manifest for r:1/gone:1 not found' })
    expect(events.some((e) => e.type === 'warning' && e.message.includes('compose build src'))).toBe(true)
    const ok = await pull(engine.client, p, { ignorePullFailures: true })
    expect(ok.failed.map((f) => f.service).sort()).toEqual(['gone', 'src'])
    expect(ok.mustBuild).toEqual(['src'])
  })

  it('sends the Docker config credentials of the image registry', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { 'r:1': { auth: btoa('me:pw') }, 'other:2': { auth: btoa('no:no') } } }))
    const engine = createFakeEngine({ registry: new Set(['r:1/x:1']) })
    await pull(engine.client, project({ x: { image: 'r:1/x:1' } }), {}, { auth: { env: { DOCKER_CONFIG: dir }, home: dir } })
    const req = engine.transport.requests.find((r) => r.path === '/images/create')
    expect(b64(req?.headers?.['x-registry-auth'] ?? '')).toEqual({ username: 'me', password: 'pw', serveraddress: 'r:1' })
  })
})
