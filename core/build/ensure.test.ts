import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ComposeEvent } from '../events.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { createFakeEngine, type FakeImage } from './_fake-engine.ts'
import { ensureServiceImages, type EnsureOptions } from './ensure.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compose-ensure-'))
  await writeFile(join(dir, 'Dockerfile'), 'FROM busybox\n')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const NOW = new Date('2025-06-15T12:00:00Z')
const HOUR = 3_600_000

function project(service: Partial<ServiceConfig>): Project {
  return { name: 'p', services: { s: { name: 's', ...service } as ServiceConfig }, networks: {}, volumes: {}, secrets: {}, configs: {} }
}

/** Runs the `up` image step; returns what the engine was asked and the resulting image map. */
async function decide(service: Partial<ServiceConfig>, local: FakeImage | undefined, options: EnsureOptions = {}, registry: string[] = ['r:1/img:1']) {
  const ref = service.image ?? 'p-s'
  const engine = createFakeEngine({ images: local === undefined ? {} : { [ref]: local }, registry: new Set(registry) })
  const images: Record<string, string | null> = { [ref]: local?.Id ?? null }
  const events: ComposeEvent[] = []
  const result = await ensureServiceImages(engine.client, project(service), ['s'], images, { now: NOW, ...options }, { emit: (e) => events.push(e) }).then(
    () => undefined,
    (e: unknown) => e,
  )
  const calls = engine.calls().filter((c) => c === 'POST /images/create' || c === 'POST /build')
  return { calls, images, events, error: result }
}

const tagged = (ago: number): FakeImage => ({ Id: 'sha256:old', Created: '2019-01-01T00:00:00Z', Metadata: { LastTagTime: new Date(NOW.getTime() - ago).toISOString() } })

describe('ensureServiceImages (up) with a fake clock', () => {
  it.each([
    ['missing, present', { pull_policy: 'missing' }, tagged(HOUR), []],
    ['missing, absent', { pull_policy: 'missing' }, undefined, ['POST /images/create']],
    ['always, present', { pull_policy: 'always' }, tagged(HOUR), ['POST /images/create']],
    ['daily, tagged 1h ago', { pull_policy: 'daily' }, tagged(HOUR), []],
    ['daily, tagged 25h ago', { pull_policy: 'daily' }, tagged(25 * HOUR), ['POST /images/create']],
    ['every_30m, tagged 1h ago', { pull_policy: 'every_30m' }, tagged(HOUR), ['POST /images/create']],
    ['weekly, never tagged, created long ago', { pull_policy: 'weekly' }, { Id: 'sha256:old', Created: '2019-01-01T00:00:00Z', Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } }, ['POST /images/create']],
  ] as [string, Partial<ServiceConfig>, FakeImage | undefined, string[]][])('%s', async (_, policy, local, calls) => {
    const out = await decide({ image: 'r:1/img:1', ...policy }, local)
    expect(out.error).toBeUndefined()
    expect(out.calls).toEqual(calls)
  })

  it('never: a missing image is CONVERGE_IMAGE_MISSING naming the service', async () => {
    const out = await decide({ image: 'r:1/img:1', pull_policy: 'never' }, undefined)
    expect(out.calls).toEqual([])
    expect(out.error).toMatchObject({ code: 'CONVERGE_IMAGE_MISSING', message: 'service "s": image r:1/img:1 is not present locally and pull_policy is never' })
  })

  it('builds a missing image of a build-only service and records its id', async () => {
    const out = await decide({ build: { context: dir } }, undefined)
    expect(out.calls).toEqual(['POST /build'])
    expect(out.images['p-s']).toMatch(/^sha256:/)
  })

  it('does not rebuild a present image, unless --build or pull_policy: build', async () => {
    expect((await decide({ build: { context: dir } }, tagged(HOUR))).calls).toEqual([])
    expect((await decide({ build: { context: dir } }, tagged(HOUR), { build: 'always' })).calls).toEqual(['POST /build'])
    expect((await decide({ build: { context: dir }, pull_policy: 'build' }, tagged(HOUR))).calls).toEqual(['POST /build'])
  })

  it('--no-build: a missing buildable image is an error', async () => {
    const out = await decide({ build: { context: dir } }, undefined, { build: 'never' })
    expect(out.calls).toEqual([])
    expect(out.error).toMatchObject({ code: 'CONVERGE_IMAGE_MISSING', message: expect.stringContaining('--no-build') })
  })

  it('image + build: pulls first, builds when the pull fails', async () => {
    expect((await decide({ image: 'r:1/img:1', build: { context: dir } }, undefined)).calls).toEqual(['POST /images/create'])
    const failed = await decide({ image: 'r:1/other:1', build: { context: dir } }, undefined)
    expect(failed.calls).toEqual(['POST /images/create', 'POST /build'])
    expect(failed.events.some((e) => e.type === 'warning' && /building it instead/.test(e.message))).toBe(true)
  })

  it('--pull overrides the policy; a failed pull of a present image keeps it with a warning', async () => {
    expect((await decide({ image: 'r:1/img:1', pull_policy: 'never' }, tagged(HOUR), { pull: 'always' })).calls).toEqual(['POST /images/create'])
    const out = await decide({ image: 'r:1/gone:1', pull_policy: 'always' }, tagged(HOUR))
    expect(out.error).toBeUndefined()
    expect(out.images['r:1/gone:1']).toBe('sha256:old')
    expect(out.events.some((e) => e.type === 'warning' && /using the local image/.test(e.message))).toBe(true)
  })
})
