import { describe, expect, it } from 'vitest'
import type { Project, ServiceConfig } from '../model/project.ts'
import { COMPOSE_VERSION } from '../version.ts'
import { classicBuildOptions } from './build-options.ts'

function setup(service: Partial<ServiceConfig>, environment: Record<string, string> = {}): { project: Project; service: ServiceConfig } {
  const s = { name: 'web', ...service } as ServiceConfig
  return { project: { name: 'shop', services: { web: s }, networks: {}, volumes: {}, secrets: {}, configs: {}, environment }, service: s }
}

describe('classicBuildOptions', () => {
  it('maps the build section to the classic builder query', () => {
    const { project, service } = setup({
      platform: 'linux/amd64',
      build: {
        context: '/src',
        args: { A: '1', UNSET: null },
        labels: { 'org.x': 'y', 'com.docker.compose.project': 'spoofed' },
        target: 'prod',
        cache_from: ['shop-web:cache', 'type=registry,ref=reg/x:cache', 'type=local,src=/tmp/c'],
        network: 'host',
        shm_size: 1024,
        extra_hosts: { db: ['10.0.0.2', '::1'] },
        tags: ['reg/shop:1', 'shop-web'],
        pull: true,
        no_cache: true,
        platforms: ['linux/amd64'],
      },
    })
    const { image, options, warnings } = classicBuildOptions(project, service)
    expect(image).toBe('shop-web')
    expect(options).toEqual({
      tags: ['shop-web', 'reg/shop:1'],
      labels: {
        'org.x': 'y',
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.version': COMPOSE_VERSION,
        'com.docker.compose.image.builder': 'classic',
      },
      rm: true,
      forceRm: true,
      buildArgs: { A: '1' },
      target: 'prod',
      cacheFrom: ['shop-web:cache', 'reg/x:cache'],
      networkMode: 'host',
      shmSize: 1024,
      extraHosts: ['db:10.0.0.2', 'db:::1'],
      pull: true,
      noCache: true,
      platform: 'linux/amd64',
    })
    expect(warnings).toEqual(['service "web": cache_from "type=local,src=/tmp/c" is ignored by the classic builder (image references only)'])
  })

  it('merges --build-arg over build.args; a bare name comes from the project environment or is dropped', () => {
    const { project, service } = setup({ image: 'reg/web:2', build: { context: '.', args: { A: 'file', B: 'file' } } }, { C: 'env' })
    const { image, options } = classicBuildOptions(project, service, { buildArgs: { B: 'cli', C: null, D: null }, pull: true, noCache: true, memory: 1 << 20 })
    expect(image).toBe('reg/web:2')
    expect(options.buildArgs).toEqual({ A: 'file', B: 'cli', C: 'env' })
    expect(options).toMatchObject({ tags: ['reg/web:2'], pull: true, noCache: true, memory: 1 << 20 })
  })

  it.each([
    [{ secrets: [{ source: 'token' }] }, /doesn't support build secrets/],
    [{ ssh: [{ id: 'default' }] }, /doesn't support SSH keys/],
    [{ additional_contexts: { base: '/x' } }, /doesn't support additional contexts/],
    [{ privileged: true }, /doesn't support privileged mode/],
    [{ platforms: ['linux/amd64', 'linux/arm64'] }, /multi-arch/],
  ])('refuses what the classic builder cannot do: %j', (extra, message) => {
    const { project, service } = setup({ build: { context: '.', ...extra } })
    expect(() => classicBuildOptions(project, service)).toThrow(expect.objectContaining({ code: 'BUILD_UNSUPPORTED', message: expect.stringMatching(message) }))
  })

  it('warns about attributes the classic builder ignores', () => {
    const { project, service } = setup({ build: { context: '.', cache_to: ['type=inline'], provenance: 'true', ulimits: { nofile: { soft: 1, hard: 2 } } } })
    expect(classicBuildOptions(project, service).warnings).toEqual([
      'service "web": build.cache_to is ignored by the classic builder',
      'service "web": build.provenance is ignored by the classic builder',
      'service "web": build.ulimits is ignored by the classic builder',
    ])
  })

  it('requires the service platform among build.platforms', () => {
    const { project, service } = setup({ platform: 'linux/arm64', build: { context: '.', platforms: ['linux/amd64'] } })
    expect(() => classicBuildOptions(project, service)).toThrow(/must include the service platform/)
  })
})
