/**
 * Network and volume config hashes, checked against values computed with compose-go v2.14.0's
 * own types (`json.Marshal` + sha256, as docker compose's pkg/compose/hash.go does).
 */
import { describe, expect, it } from 'vitest'
import { networkHash, volumeHash } from './hash.ts'

describe('network and volume config hashes', () => {
  it('match NetworkHash for the implicit default network and a fully specified one', () => {
    expect(networkHash({}, 'p_default')).toBe('cca2b3a66c94bd18c278d0ace2145197839f42c28f96dcd3878eeb5d03f53510')
    expect(
      networkHash(
        {
          driver: 'bridge',
          driver_opts: { b: '2', a: '1' },
          internal: true,
          attachable: true,
          labels: { z: '1', a: '<&>' },
          enable_ipv6: true,
          ipam: { driver: 'default', config: [{ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ip_range: '172.28.5.0/24', aux_addresses: { host1: '172.28.1.5' } }], options: { o: 'v' } },
        },
        'p_back',
      ),
    ).toBe('a807a1ae329a627a51152633a102e3f3e2ec6f0d940a03d19f4fb422f8f36267')
  })

  it('match VolumeHash (driver defaulted to local)', () => {
    expect(volumeHash({}, 'p_data')).toBe('bf2094b43d065b5f7aad7544497a3ed48d6551b83c79e6c2d0827b7337fcdd4b')
    expect(volumeHash({ driver: 'local', driver_opts: { type: 'tmpfs', device: 'tmpfs' }, labels: { k: 'v' } }, 'p_d2')).toBe('03fd5f1db7481c6de60a5a7f0ac966d68e50f675099ed5d16d952a24712e7f6b')
  })

  it('change with any setting that reaches the engine, and not with extensions', () => {
    const base = networkHash({ driver: 'bridge' }, 'p_n')
    expect(networkHash({ driver: 'bridge', internal: true }, 'p_n')).not.toBe(base)
    expect(networkHash({ driver: 'bridge', 'x-note': 'ignored' }, 'p_n')).toBe(base)
  })
})
