import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { up } from '../../../core/commands/index.ts'
import { cleanup, client, context, engineUp, inspect, makeProject, uniqueName } from './_helpers.ts'

const ok = await engineUp()
const name = uniqueName('lcattr')
type Inspect = { Config: Record<string, unknown>; HostConfig: Record<string, unknown>; NetworkSettings: { Networks: Record<string, { Aliases: string[] | null; IPAddress: string }> }; Mounts: { Type: string; Destination: string; Name?: string; RW: boolean }[] }
const get = (service: string): Inspect => inspect(`${name}-${service}-1`) as unknown as Inspect

describe('every attribute group must show in docker inspect', () => {
  beforeAll(async () => {
    const p = makeProject(
      name,
      {
        proc: { command: ['sleep', '1000'], environment: { A: '1' }, user: 'nobody', working_dir: '/tmp', hostname: 'hh', tty: true, stop_signal: 'SIGINT', stop_grace_period: '3s', labels: { 'my.label': 'x' }, ipc: 'shareable' },
        ports: { ports: [{ mode: 'ingress', target: 80, protocol: 'tcp', host_ip: '127.0.0.1' }], expose: ['9000'] },
        storage: { volumes: [{ type: 'volume', source: 'data', target: '/data' }, { type: 'volume', target: '/anon' }, { type: 'tmpfs', target: '/t' }], tmpfs: ['/run2'], read_only: true },
        net: { networks: { front: { aliases: ['www'] }, back: { ipv4_address: '172.31.250.10' } } },
        res: { cpus: 0.5, mem_limit: 64 * 1024 * 1024, pids_limit: 64, ulimits: { nofile: { soft: 1024, hard: 2048 } }, init: true, shm_size: 8 * 1024 * 1024, cpu_shares: 256, oom_score_adj: 10 },
        host: { cap_add: ['NET_ADMIN'], cap_drop: ['MKNOD'], dns: ['1.1.1.1'], extra_hosts: { 'foo.local': ['10.0.0.1'] }, sysctls: { 'net.core.somaxconn': '512' }, restart: 'on-failure:2', logging: { driver: 'json-file', options: { 'max-size': '1m' } }, security_opt: ['no-new-privileges'], group_add: ['100'] },
        health: { healthcheck: { test: ['CMD-SHELL', 'true'], interval: '2s', retries: 2 } },
        shared: { network_mode: 'service:proc', ipc: 'service:proc' },
      },
      {
        volumes: { data: { name: `${name}_data` } },
        networks: { default: { name: `${name}_default` }, front: { name: `${name}_front` }, back: { name: `${name}_back`, ipam: { config: [{ subnet: '172.31.250.0/24' }] } } },
      },
    )
    await up(client, p, {}, context())
  })
  afterAll(async () => {
    await cleanup(name)
  })

  it('process', () => {
    const c = get('proc')
    expect(c.Config).toMatchObject({ Cmd: ['sleep', '1000'], User: 'nobody', WorkingDir: '/tmp', Hostname: 'hh', Tty: true, StopSignal: 'SIGINT', StopTimeout: 3 })
    expect(c.Config.Env).toContain('A=1')
    expect((c.Config.Labels as Record<string, string>)['my.label']).toBe('x')
  })
  it('ports', () => {
    const c = get('ports')
    expect(Object.keys(c.Config.ExposedPorts as object).sort()).toEqual(['80/tcp', '9000/tcp'])
    expect((c.HostConfig.PortBindings as Record<string, { HostIp: string }[]>)['80/tcp']?.[0]?.HostIp).toBe('127.0.0.1')
  })
  it('storage', () => {
    const c = get('storage')
    const byDest = Object.fromEntries(c.Mounts.map((m) => [m.Destination, m]))
    expect(byDest['/data']).toMatchObject({ Type: 'volume', Name: `${name}_data` })
    expect(byDest['/anon']?.Type).toBe('volume')
    expect(c.HostConfig.Tmpfs).toEqual({ '/run2': '' })
    expect(c.HostConfig.ReadonlyRootfs).toBe(true)
  })
  it('networks', () => {
    const c = get('net')
    expect(Object.keys(c.NetworkSettings.Networks).sort()).toEqual([`${name}_back`, `${name}_front`])
    expect(c.NetworkSettings.Networks[`${name}_front`]?.Aliases).toEqual(expect.arrayContaining(['net', 'www']))
    expect(c.NetworkSettings.Networks[`${name}_back`]?.IPAddress).toBe('172.31.250.10')
  })
  it('resources', () => {
    expect(get('res').HostConfig).toMatchObject({ NanoCpus: 500000000, Memory: 67108864, PidsLimit: 64, Init: true, ShmSize: 8388608, CpuShares: 256, OomScoreAdj: 10, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] })
  })
  it('host', () => {
    expect(get('host').HostConfig).toMatchObject({ CapAdd: ['NET_ADMIN'], CapDrop: ['MKNOD'], Dns: ['1.1.1.1'], ExtraHosts: ['foo.local:10.0.0.1'], Sysctls: { 'net.core.somaxconn': '512' }, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 }, LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } }, SecurityOpt: ['no-new-privileges'], GroupAdd: ['100'] })
  })
  it('healthcheck (compose:health)', () => {
    expect(get('health').Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'], Interval: 2e9, Retries: 2 })
  })
  it('network_mode and ipc service references', () => {
    const proc = inspect(`${name}-proc-1`) as { Id: string }
    expect(get('shared').HostConfig).toMatchObject({ NetworkMode: `container:${proc.Id}`, IpcMode: `container:${proc.Id}` })
  })
})
