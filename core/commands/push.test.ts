import { describe, expect, it } from 'vitest'
import { createFakeEngine } from '../build/_fake-engine.ts'
import type { ComposeEvent } from '../events.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { push } from './push.ts'
import { projectOf } from './_project-fixture.ts'

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return projectOf('shop', services)
}

const present = { Id: 'sha256:local', Created: '2020-01-01T00:00:00Z' }

describe('push command', () => {
  it('pushes image and build.tags of services with build and image, skipping the others', async () => {
    const engine = createFakeEngine({ images: { 'r:1/web:1': present, 'r:1/web:latest': present } })
    const events: ComposeEvent[] = []
    const p = project({ web: { image: 'r:1/web:1', build: { context: '.', tags: ['r:1/web:latest'] } }, db: { image: 'busybox' }, local: { build: { context: '.' } } })
    const result = await push(engine.client, p, {}, { emit: (e) => events.push(e) })
    expect(result.pushed.map((x) => x.image).sort()).toEqual(['r:1/web:1', 'r:1/web:latest'])
    expect(result.skipped.sort()).toEqual(['db', 'local'])
    expect(engine.registry.has('r:1/web:1')).toBe(true)
    expect(events.filter((e) => e.type === 'progress' && e.id === 'Image r:1/web:1').at(-1)).toMatchObject({ status: 'Pushed', detail: `sha256:${'d'.repeat(64)}` })
    expect((await push(engine.client, p, { dryRun: true })).planned).toEqual(['r:1/web:1', 'r:1/web:latest'])
  })

  it('fails naming the service, or warns with --ignore-push-failures', async () => {
    const engine = createFakeEngine()
    const p = project({ web: { image: 'r:1/web:1', build: { context: '.' } } })
    await expect(push(engine.client, p)).rejects.toMatchObject({ code: 'IMAGE_PUSH_FAILED', message: expect.stringContaining('service "web": push of r:1/web:1 failed') })
    const events: ComposeEvent[] = []
    const result = await push(engine.client, p, { ignorePushFailures: true }, { emit: (e) => events.push(e) })
    expect(result.failed).toHaveLength(1)
    expect(events.some((e) => e.type === 'warning')).toBe(true)
  })
})
