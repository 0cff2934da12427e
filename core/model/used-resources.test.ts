import { describe, expect, it } from 'vitest'
import type { Project } from './project.ts'
import { usedResources, withoutUnusedResources } from './used-resources.ts'

const project: Project = {
  name: 'p',
  services: {
    web: { name: 'web', image: 'x', networks: { front: null }, volumes: [{ type: 'volume', source: 'data', target: '/d' }, { type: 'bind', source: '/h', target: '/h' }, { type: 'volume', target: '/anon' }], secrets: [{ source: 's1' }], configs: [{ source: 'c1' }], build: { context: '/b', secrets: [{ source: 's2' }] } },
    worker: { name: 'worker', image: 'x' },
    sidecar: { name: 'sidecar', image: 'x', network_mode: 'service:web', models: { llm: null } },
  },
  networks: { front: {}, default: {}, unused: {} },
  volumes: { data: {}, lonely: {} },
  secrets: { s1: {}, s2: {}, s3: {} },
  configs: { c1: {}, c2: {} },
  models: { llm: { model: 'ai/x' }, other: { model: 'ai/y' } },
}

describe('resources no service uses (compose-go WithoutUnnecessaryResources)', () => {
  it('counts networks (default for a service that names none, none with network_mode), named volumes, secrets incl. build secrets, configs and models', () => {
    expect(usedResources(project)).toEqual({
      networks: new Set(['front', 'default']),
      volumes: new Set(['data']),
      secrets: new Set(['s1', 's2']),
      configs: new Set(['c1']),
      models: new Set(['llm']),
    })
    expect(usedResources(project, ['web']).networks).toEqual(new Set(['front']))
  })

  it('drops the others from the project', () => {
    const pruned = withoutUnusedResources(project)
    expect(Object.keys(pruned.networks)).toEqual(['front', 'default'])
    expect(Object.keys(pruned.volumes)).toEqual(['data'])
    expect(Object.keys(pruned.secrets)).toEqual(['s1', 's2'])
    expect(Object.keys(pruned.configs)).toEqual(['c1'])
    expect(Object.keys(pruned.models ?? {})).toEqual(['llm'])
    expect(pruned.services).toBe(project.services)
  })
})
