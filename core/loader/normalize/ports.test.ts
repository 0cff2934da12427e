import { describe, expect, it } from 'vitest'
import { parsePortSpec, portKey } from './ports.ts'

describe('ports short syntax', () => {
  it('expands a container port alone', () => {
    expect(parsePortSpec('3000')).toEqual([{ mode: 'ingress', target: 3000, protocol: 'tcp' }])
  })
  it('keeps host ip, published port and protocol', () => {
    expect(parsePortSpec('127.0.0.1:8001:8001/udp')).toEqual([
      { mode: 'ingress', host_ip: '127.0.0.1', target: 8001, published: '8001', protocol: 'udp' },
    ])
  })
  it('expands ranges on both sides', () => {
    expect(parsePortSpec('9090-9091:8080-8081').map((p) => [p.published, p.target])).toEqual([
      ['9090', 8080],
      ['9091', 8081],
    ])
  })
  it('keeps a host range for a single container port', () => {
    expect(parsePortSpec('8000-8010:80')).toEqual([{ mode: 'ingress', target: 80, published: '8000-8010', protocol: 'tcp' }])
  })
  it('strips IPv6 brackets', () => {
    expect(parsePortSpec('[::1]:8080:80')[0]).toMatchObject({ host_ip: '::1', published: '8080', target: 80 })
  })
  it('orders ports like compose (by the string port/proto)', () => {
    expect(parsePortSpec('98-101').map((p) => p.target)).toEqual([100, 101, 98, 99])
  })
  it('rejects bad input with compose wording', () => {
    expect(() => parsePortSpec('80-79')).toThrow('invalid containerPort: 80-79')
    expect(() => parsePortSpec('1-2:3-5')).toThrow('invalid ranges specified for container and host Ports: 3-5 and 1-2')
    expect(() => parsePortSpec('80/icmp')).toThrow('invalid proto: icmp')
    expect(() => parsePortSpec('abc:80:80')).toThrow('invalid IP address: abc')
  })
  it('keys ports for merging', () => {
    expect(portKey({ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' })).toBe('0.0.0.0:8080:80/tcp')
  })
})
