import { describe, expect, it } from 'vitest'
import type { ServiceConfig } from '../model/project.ts'
import { goFloat32 } from './_go-json.ts'
import { hashInput, resolveServiceReferences, serviceHash } from './hash.ts'

// Golden values: produced by compose-go's types.ServiceConfig + encoding/json (docker compose's
// ServiceHash) from the same service, so equal hashes mean switching tools recreates nothing.
const rich: ServiceConfig = {
  name: 'web', image: 'busybox:latest', command: ['sh', '-c', 'echo <a> & b'], entrypoint: null,
  environment: { B: '2', A: '1', NULLED: null }, labels: { 'x.y': 'z' }, cap_add: ['NET_ADMIN'],
  cpus: 1.1, cpu_shares: 512, mem_limit: 536870912, shm_size: 67108864,
  ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
  volumes: [{ type: 'bind', source: '/tmp', target: '/data', bind: { create_host_path: false } }, { type: 'volume', target: '/anon' }, { type: 'tmpfs', target: '/t', tmpfs: { size: 1000, mode: 0o755 } }],
  networks: { default: null, back: { aliases: ['b'], priority: 10 } },
  healthcheck: { test: ['CMD-SHELL', 'true'], interval: '1s', retries: 3, start_period: '1m30s' },
  deploy: { replicas: 3, resources: { limits: { cpus: 0.5, memory: 1048576 } }, restart_policy: { condition: 'on-failure', max_attempts: 2 } },
  extra_hosts: { 'h.example': ['1.2.3.4', '::1'] }, ulimits: { nofile: { soft: 100, hard: 200 }, nproc: { single: 50 } },
  secrets: [{ source: 's', target: '/run/secrets/s', mode: 0o440 }], stop_grace_period: '5s', init: false, attach: true,
  logging: { driver: 'json-file', options: { 'max-size': '1m' } }, env_file: [{ path: '/x/.env', required: false }], depends_on: { db: { condition: 'service_healthy', required: true } }, scale: 2,
  devices: [{ source: '/dev/null', target: '/dev/n', permissions: 'rwm' }], sysctls: { 'net.core.somaxconn': '1024' }, tty: true, read_only: true,
}

describe('serviceHash', () => {
  it('matches docker compose for a minimal service, ignoring scale and replicas', () => {
    const svc: ServiceConfig = { name: 'foo', image: 'bar', scale: 3, deploy: { replicas: 3 } }
    expect(hashInput(svc)).toBe('{"command":null,"deploy":{"resources":{},"placement":{}},"entrypoint":null,"image":"bar"}')
    expect(serviceHash(svc)).toBe('ab0698d5a104ec2d9b0f004bffce794dca42665c49259b0ed2f446f8e516f31c')
  })

  it('matches docker compose for a service using most attribute kinds', () => {
    expect(serviceHash(rich)).toBe('529b5ac77dde3e3f05fa699ac55515cf1ca7b2891a086ab27bf2747161b37dac')
  })

  it('matches docker compose with the default network and environment', () => {
    const svc: ServiceConfig = { name: 'x', image: 'busybox', networks: { default: null }, environment: { A: '1' } }
    expect(serviceHash(svc)).toBe('ab5c69c42a9fe4cb0729aeca1bd56b790862484d086aca3a4005400fbc2fe5a8')
  })

  it('changes exactly when a container must be recreated', () => {
    const base: ServiceConfig = { name: 'a', image: 'busybox', environment: { A: '1' } }
    const h = serviceHash(base)
    expect(serviceHash({ ...base, environment: { A: '2' } })).not.toBe(h)
    expect(serviceHash({ ...base, scale: 4 })).toBe(h)
    expect(serviceHash({ ...base, depends_on: { b: { condition: 'service_started', required: true } } })).toBe(h)
    expect(serviceHash({ ...base, pull_policy: 'always', profiles: ['x'] })).toBe(h)
    expect(serviceHash({ ...base, build: { context: '.' } })).toBe(h)
    expect(serviceHash({ ...base, 'x-meta': 1 })).toBe(h)
    expect(serviceHash({ ...base, environment: { A: '1' }, labels: { l: 'v' } })).not.toBe(h)
  })

  it('hashes service references as the container they resolve to', () => {
    const svc: ServiceConfig = { name: 'a', image: 'busybox', network_mode: 'service:db', volumes_from: ['db:ro', 'container:c1'] }
    const resolved = resolveServiceReferences(svc, { db: 'abc' })
    expect(resolved.network_mode).toBe('container:abc')
    expect(resolved.volumes_from).toEqual(['abc', 'c1'])
    expect(serviceHash(svc, { db: 'abc' })).not.toBe(serviceHash(svc, { db: 'def' }))
  })

  it('writes float32 like Go', () => {
    expect(goFloat32(1.1)).toBe('1.1')
    expect(goFloat32(0.5)).toBe('0.5')
    expect(goFloat32(2)).toBe('2')
    expect(goFloat32(0.000001)).toBe('0.000001')
    expect(goFloat32(0.0000001)).toBe('1e-07')
  })
})
