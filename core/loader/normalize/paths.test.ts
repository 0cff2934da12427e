import { describe, expect, it } from 'vitest'
import { expandUser, joinClean, resolvePaths } from './paths.ts'

describe('resolvePaths', () => {
  const ctx = { workingDir: '/project', home: '/home/me' }

  it('cleans joined relative paths as Go filepath.Join does (no trailing slash)', () => {
    const model = { services: { web: { build: { context: 'backend/' }, volumes: [{ type: 'bind', source: './data/', target: '/data' }] } } }
    const out = resolvePaths(model, ctx) as { services: { web: { build: { context: string }; volumes: { source: string }[] } } }
    expect(out.services.web.build.context).toBe('/project/backend')
    expect(out.services.web.volumes[0]?.source).toBe('/project/data')
  })

  it('keeps absolute paths verbatim, as compose-go does (trailing slash included)', () => {
    const model = { services: { web: { volumes: [{ type: 'bind', source: '/etc/pihole/', target: '/etc/pihole' }] } } }
    const out = resolvePaths(model, ctx) as { services: { web: { volumes: { source: string }[] } } }
    expect(out.services.web.volumes[0]?.source).toBe('/etc/pihole/')
  })

  it('expands ~ and cleans the result', () => {
    expect(expandUser('~/data/', '/home/me')).toBe('/home/me/data')
    expect(joinClean('/project', '.')).toBe('/project')
    expect(joinClean('/', '.')).toBe('/')
  })
})
