import { describe, expect, it } from 'vitest'
import { checkConsistency } from './consistency.ts'
import { normalizeModel } from './normalize.ts'

const sources = { locate: () => ({ file: 'compose.yaml', line: 1, col: 1 }) }
const check = (model: Record<string, unknown>): string[] =>
  checkConsistency(
    normalizeModel(model, { projectName: 'p', workingDir: '/p', home: '/h', env: {}, resolvePaths: true, normalize: true }),
    sources,
  ).map((i) => i.message)

describe('checkConsistency', () => {
  it('shows the dependency cycle chain', () => {
    expect(check({ services: { service1: { image: 'a', depends_on: ['service2'] }, service2: { image: 'a', depends_on: ['service3'] }, service3: { image: 'a', depends_on: ['service1'] } } })).toEqual([
      'dependency cycle detected: service1 -> service2 -> service3 -> service1',
    ])
    expect(check({ services: { service1: { image: 'a', depends_on: ['service1'] } } })).toEqual(['dependency cycle detected: service1 -> service1'])
  })
  it('reports every undefined reference', () => {
    expect(
      check({ services: { web: { image: 'a', networks: ['front'], volumes: ['data:/d'], secrets: ['s'], configs: ['c'], depends_on: ['db'] } } }),
    ).toEqual([
      'service "web" refers to undefined network front',
      'service "web" depends on undefined service "db"',
      'service "web" refers to undefined volume data',
      'service "web" refers to undefined config c',
      'service "web" refers to undefined secret s',
    ])
  })
  it('rejects container_name with several replicas, and more', () => {
    expect(check({ services: { web: { image: 'a', container_name: 'web', deploy: { replicas: 2 } } } })).toEqual([
      "services.web: can't set container_name and deploy.replicas as container name must be unique",
    ])
    expect(check({ services: { web: { build: { context: '.', dockerfile: 'D', dockerfile_inline: 'FROM x' } } } })).toEqual([
      'service "web" declares mutually exclusive dockerfile and dockerfile_inline',
    ])
    expect(check({ services: { web: {} } })).toEqual(['service "web" has neither an image nor a build context specified'])
    expect(check({ services: { web: { image: 'a', network_mode: 'host', networks: ['x'] } }, networks: { x: {} } })).toEqual([
      'service web declares mutually exclusive `network_mode` and `networks`',
    ])
    expect(check({ services: { web: { image: 'a', tmpfs: '/run', volumes: ['vol:/run'] } }, volumes: { vol: {} } })).toEqual([
      'services.web.volumes[0]: target /run already mounted as services.web.tmpfs[0]',
    ])
  })
})
