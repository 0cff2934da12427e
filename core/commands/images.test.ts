import { describe, expect, it } from 'vitest'
import { fakeEngine, serviceContainer } from './_fake-engine.ts'
import { familiarReference, formatPlatform, images } from './images.ts'

describe('images', () => {
  it('splits references into familiar repository and tag', () => {
    expect(familiarReference('busybox')).toEqual({ repository: 'busybox', tag: 'latest' })
    expect(familiarReference('docker.io/library/busybox:1.36')).toEqual({ repository: 'busybox', tag: '1.36' })
    expect(familiarReference('localhost:5000/team/app:v1')).toEqual({ repository: 'localhost:5000/team/app', tag: 'v1' })
    expect(familiarReference('ghcr.io/x/y@sha256:abc')).toEqual({ repository: 'ghcr.io/x/y', tag: '' })
    expect(familiarReference(`sha256:${'a'.repeat(64)}`)).toEqual({ repository: '', tag: '' })
    expect(formatPlatform('linux', 'arm64', 'v8')).toBe('linux/arm64/v8')
    expect(formatPlatform('', 'amd64', undefined)).toBe('unknown')
  })

  it('inspects each image once and reports one row per container, missing images from the container', async () => {
    const containers = [
      serviceContainer('p', 'web', 2, { Image: 'busybox:latest' }),
      serviceContainer('p', 'web', 1, { Image: 'busybox:latest' }),
      serviceContainer('p', 'db', 1, { Image: 'gone:1', ImageID: 'sha256:dead' }),
    ]
    const { client, transport } = fakeEngine(containers, (_req, url) => {
      if (decodeURIComponent(url.pathname).endsWith('/images/busybox:latest/json')) return { body: { Id: 'sha256:b0b', Os: 'linux', Architecture: 'amd64', Size: 1985574, Created: '2024-01-02T03:04:05Z', Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } } }
      return undefined
    })
    const rows = await images(client, 'p')
    expect(rows.map((r) => [r.ContainerName, r.Repository, r.Tag, r.ID, r.Platform, r.Size])).toEqual([
      ['p-db-1', 'gone', '1', 'sha256:dead', 'unknown', 0],
      ['p-web-1', 'busybox', 'latest', 'sha256:b0b', 'linux/amd64', 1985574],
      ['p-web-2', 'busybox', 'latest', 'sha256:b0b', 'linux/amd64', 1985574],
    ])
    expect(rows[1]?.Created?.toISOString()).toBe('2024-01-02T03:04:05.000Z')
    expect(rows[1]?.LastTagTime).toBeUndefined()
    expect(transport.requests.filter((r) => r.path.includes('/images/busybox')).length).toBe(1)
    expect((await images(client, 'p', { services: ['db'] })).map((r) => r.ContainerName)).toEqual(['p-db-1'])
  })
})
