import { describe, expect, it } from 'vitest'
import { parseVolumeSpec } from './volumes.ts'

describe('volumes short syntax', () => {
  it('anonymous volume', () => {
    expect(parseVolumeSpec('/var/lib/anonymous')).toEqual({ type: 'volume', target: '/var/lib/anonymous', volume: {} })
  })
  it('named volume with options', () => {
    expect(parseVolumeSpec('data:/data:ro,nocopy')).toEqual({ type: 'volume', source: 'data', target: '/data', read_only: true, volume: { nocopy: true } })
  })
  it('bind mounts: relative, absolute, home', () => {
    for (const source of ['./static', '/opt/data', '~/configs', '.']) {
      expect(parseVolumeSpec(`${source}:/x`)).toEqual({ type: 'bind', source, target: '/x', bind: { create_host_path: true } })
    }
  })
  it('SELinux and propagation', () => {
    expect(parseVolumeSpec('./a:/a:z,rshared')).toMatchObject({ bind: { selinux: 'z', propagation: 'rshared', create_host_path: true } })
  })
  it('Windows drive letters are part of the path', () => {
    expect(parseVolumeSpec('C:\\data:/data')).toMatchObject({ type: 'bind', source: 'C:\\data', target: '/data' })
  })
  it('keeps ${VAR} with a colon inside', () => {
    expect(parseVolumeSpec('${A:-/x}:/y')).toMatchObject({ source: '${A:-/x}', target: '/y' })
  })
  it('rejects malformed specs', () => {
    expect(() => parseVolumeSpec('ab::b')).toThrow('empty section between colons')
    expect(() => parseVolumeSpec('ab:/cd:ro:x')).toThrow('too many colons')
  })
})
