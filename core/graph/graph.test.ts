import { describe, expect, it } from 'vitest'
import { isComposeError } from '../errors.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { buildGraph, selectServices } from './graph.ts'
import { createLimiter } from './limit.ts'
import { traverse } from './traverse.ts'

function project(services: Record<string, Partial<ServiceConfig>>, disabled: Record<string, Partial<ServiceConfig>> = {}): Project {
  const full = (m: Record<string, Partial<ServiceConfig>>): Record<string, ServiceConfig> =>
    Object.fromEntries(Object.entries(m).map(([name, s]) => [name, { name, image: 'busybox', ...s }]))
  return { name: 'p', services: full(services), disabledServices: full(disabled), networks: {}, volumes: {}, secrets: {}, configs: {} }
}

const dep = (condition: 'service_started' | 'service_healthy' = 'service_started', required = true) => ({ condition, required })

describe('buildGraph', () => {
  it('orders leaves first with explicit and implicit edges', () => {
    const g = buildGraph(
      project({
        web: { depends_on: { api: dep() }, links: ['cache:c'] },
        api: { network_mode: 'service:net', volumes_from: ['data:ro', 'container:x'] },
        net: {},
        data: { ipc: 'service:net' },
        cache: { pid: 'host' },
      }),
    )
    const pos = (s: string) => g.order.indexOf(s)
    expect(pos('net')).toBeLessThan(pos('api'))
    expect(pos('data')).toBeLessThan(pos('api'))
    expect(pos('api')).toBeLessThan(pos('web'))
    expect(pos('cache')).toBeLessThan(pos('web'))
    expect([...(g.dependencies.get('api')?.keys() ?? [])].sort()).toEqual(['data', 'net'])
    expect(g.dependencies.get('web')?.get('cache')).toMatchObject({ origin: 'links', restart: true })
    expect([...(g.dependents.get('net') ?? [])].sort()).toEqual(['api', 'data'])
  })

  it('reports a cycle with its chain', () => {
    try {
      buildGraph(project({ a: { depends_on: { b: dep() } }, b: { depends_on: { c: dep() } }, c: { links: ['a'] } }))
      expect.fail('no error')
    } catch (e) {
      expect(isComposeError(e, 'GRAPH_CYCLE')).toBe(true)
      expect((e as Error).message).toContain('a -> b -> c -> a')
    }
  })

  it('drops optional missing dependencies and rejects required ones', () => {
    const g = buildGraph(project({ a: { depends_on: { ghost: dep('service_started', false) } } }))
    expect(g.dropped).toEqual([{ service: 'a', dependency: 'ghost' }])
    expect(() => buildGraph(project({ a: { depends_on: { ghost: dep() } } }))).toThrow(/undefined service "ghost"/)
    expect(() => buildGraph(project({ a: { depends_on: { off: dep() } } }, { off: {} }))).toThrow(/disabled by its profiles/)
  })

  it('selects services with their dependencies, or dependents', () => {
    const p = project({ web: { depends_on: { db: dep() } }, db: {}, other: {} })
    const g = buildGraph(p)
    expect([...selectServices(p, g, ['web'])].sort()).toEqual(['db', 'web'])
    expect([...selectServices(p, g, ['web'], { noDeps: true })]).toEqual(['web'])
    expect([...selectServices(p, g, ['db'], { noDeps: true, withDependents: true })].sort()).toEqual(['db', 'web'])
    expect(() => selectServices(p, g, ['nope'])).toThrow(/no such service: nope/)
  })
})

describe('traverse', () => {
  const p = project({ web: { depends_on: { api: dep() } }, api: { depends_on: { db: dep() } }, db: {}, side: {} })
  const g = buildGraph(p)

  it('visits dependencies first going up and dependents first going down', async () => {
    for (const direction of ['up', 'down'] as const) {
      const seen: string[] = []
      await traverse(g, direction, async (s) => {
        await Promise.resolve()
        seen.push(s)
      })
      const chain = seen.filter((s) => s !== 'side')
      expect(chain).toEqual(direction === 'up' ? ['db', 'api', 'web'] : ['web', 'api', 'db'])
    }
  })

  it('skips what depends on a failure and keeps going elsewhere', async () => {
    const res = await traverse(g, 'up', async (s) => {
      if (s === 'api') throw new Error('boom')
    })
    expect(res.failed.map((f) => f.service)).toEqual(['api'])
    expect(res.skipped).toEqual([{ service: 'web', because: 'api' }])
    expect(res.done.sort()).toEqual(['db', 'side'])
  })

  it('bounds concurrency', async () => {
    let active = 0
    let peak = 0
    const limit = createLimiter(2)
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limit(async () => {
          active++
          peak = Math.max(peak, active)
          await new Promise((r) => setTimeout(r, 5))
          active--
        }),
      ),
    )
    expect(peak).toBe(2)
  })
})
