import { describe, expect, it } from 'vitest'
import type { Project } from '../model/project.ts'
import { formatRef, parseDockerRef } from '../engine/image-ref.ts'
import { imagesOnly, unlockableHookImages, withImagesResolved } from './image-digests.ts'

const D = `sha256:${'a'.repeat(64)}`

describe('image references as ParseDockerRef writes them', () => {
  it('adds the Docker Hub domain, library/ and latest; keeps registries with a port or a dot', () => {
    expect(formatRef(parseDockerRef('busybox'))).toBe('docker.io/library/busybox:latest')
    expect(formatRef(parseDockerRef('me/app:2'))).toBe('docker.io/me/app:2')
    expect(formatRef(parseDockerRef('index.docker.io/me/app'))).toBe('docker.io/me/app:latest')
    expect(formatRef(parseDockerRef('localhost/app'))).toBe('localhost/app:latest')
    expect(formatRef(parseDockerRef('127.0.0.1:5000/a/b:1'))).toBe('127.0.0.1:5000/a/b:1')
    expect(formatRef(parseDockerRef('ghcr.io/o/r:v1'))).toBe('ghcr.io/o/r:v1')
  })

  it('drops the tag of a reference that has a digest', () => {
    expect(parseDockerRef(`reg.io/app:1@${D}`)).toEqual({ name: 'reg.io/app', digest: D })
    expect(formatRef(parseDockerRef(`busybox@${D}`))).toBe(`docker.io/library/busybox@${D}`)
  })
})

describe('pinning a project', () => {
  const project: Project = {
    name: 'p',
    services: { a: { name: 'a', image: 'busybox' }, b: { name: 'b', build: { context: '/b' } }, c: { name: 'c', image: `x.io/c@${D}`, pre_start: [{ image: 'h' }] } },
    networks: { default: {} },
    volumes: {},
    secrets: {},
    configs: {},
  }

  it('asks the resolver for each reference without a digest, and keeps the order of services', async () => {
    const asked: string[] = []
    const pinned = await withImagesResolved(project, async (ref) => {
      asked.push(ref)
      return D
    })
    expect(asked).toEqual(['docker.io/library/busybox:latest'])
    expect(Object.keys(pinned.services)).toEqual(['a', 'b', 'c'])
    expect(pinned.services.a?.image).toBe(`docker.io/library/busybox:latest@${D}`)
    expect(pinned.services.b).toBe(project.services.b)
    expect(pinned.services.c?.image).toBe(`x.io/c@${D}`)
  })

  it('the lock file keeps only images; hook images are named as not lockable', () => {
    expect(imagesOnly(project).services).toEqual({ a: { name: 'a', image: 'busybox' }, b: { name: 'b' }, c: { name: 'c', image: `x.io/c@${D}` } })
    expect(imagesOnly(project).networks).toEqual({})
    expect(unlockableHookImages(project)).toEqual(['c'])
  })
})
