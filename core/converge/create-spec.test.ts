import { describe, expect, it } from 'vitest'
import type { Project, ServiceConfig } from '../model/project.ts'
import { toCreateSpec, type CreateSpecInput } from './create-spec.ts'

function input(svc: Partial<ServiceConfig>, extra: Partial<CreateSpecInput> = {}, project: Partial<Project> = {}): CreateSpecInput {
  const service: ServiceConfig = { name: 'web', image: 'busybox', ...svc }
  const p: Project = { name: 'demo', services: { web: service, db: { name: 'db', image: 'busybox' } }, networks: { default: { name: 'demo_default' } }, volumes: {}, secrets: {}, configs: {}, workingDir: '/w', ...project }
  return { project: p, service, number: 1, name: 'demo-web-1', refs: {}, configHash: 'h', labels: { configFiles: ['/w/compose.yaml'] }, ...extra }
}

describe('toCreateSpec', () => {
  it('labels: user labels then compose labels', () => {
    const { body } = toCreateSpec(input({ labels: { a: 'b', 'com.docker.compose.project': 'evil' }, depends_on: { db: { condition: 'service_healthy', required: true, restart: true } } }, { imageId: 'sha256:1' }))
    expect(body.Labels).toMatchObject({
      a: 'b',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': 'h',
      'com.docker.compose.depends_on': 'db:service_healthy:true',
      'com.docker.compose.image': 'sha256:1',
      'com.docker.compose.project.working_dir': '/w',
      'com.docker.compose.project.config_files': '/w/compose.yaml',
    })
    expect(body.Labels).not.toHaveProperty('com.docker.compose.project.environment_file')
    expect(body.Image).toBe('busybox') // the name, as docker compose; the ID is in the image label
  })

  it('platform: the service’s own, else DOCKER_DEFAULT_PLATFORM from the project environment', () => {
    expect(toCreateSpec(input({})).platform).toBeUndefined()
    expect(toCreateSpec(input({}, {}, { environment: { DOCKER_DEFAULT_PLATFORM: 'linux/arm64' } })).platform).toBe('linux/arm64')
    expect(toCreateSpec(input({ platform: 'linux/amd64' }, {}, { environment: { DOCKER_DEFAULT_PLATFORM: 'linux/arm64' } })).platform).toBe('linux/amd64')
    expect(toCreateSpec(input({}, {}, { environment: { DOCKER_DEFAULT_PLATFORM: '' } })).platform).toBeUndefined()
  })

  it('process: command, entrypoint, environment, user, tty, stop', () => {
    const { body, warnings } = toCreateSpec(
      input({ command: ['sh', '-c', 'x'], entrypoint: null, environment: { B: '2', A: '1', U: null }, user: '1000', working_dir: '/app', hostname: 'h', domainname: 'd', tty: true, stdin_open: true, stop_signal: 'SIGINT', stop_grace_period: '1500ms' }),
    )
    expect(body).toMatchObject({ Cmd: ['sh', '-c', 'x'], Entrypoint: [], Env: ['A=1', 'B=2', 'U'], User: '1000', WorkingDir: '/app', Hostname: 'h', Domainname: 'd', Tty: true, OpenStdin: true, StopSignal: 'SIGINT', StopTimeout: 2 })
    expect(warnings.join()).toContain('rounded up')
  })

  it('ports and expose', () => {
    const { body } = toCreateSpec(input({ expose: ['3000-3001', '53/udp'], ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp', host_ip: '127.0.0.1' }, { mode: 'ingress', target: 81, protocol: 'tcp' }] }))
    expect(Object.keys(body.ExposedPorts ?? {}).sort()).toEqual(['3000/tcp', '3001/tcp', '53/udp', '80/tcp', '81/tcp'])
    expect(body.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '81/tcp': [{}] })
  })

  it('storage: named, anonymous (inherited), binds, tmpfs, secrets, volumes_from', () => {
    const { body } = toCreateSpec(
      input(
        {
          volumes: [
            { type: 'volume', source: 'data', target: '/data' },
            { type: 'volume', target: '/anon' },
            { type: 'bind', source: '/src', target: '/src', read_only: true, bind: { create_host_path: true } },
            { type: 'bind', source: '/strict', target: '/strict', bind: { create_host_path: false, propagation: 'rshared' } },
            { type: 'tmpfs', target: '/t', tmpfs: { size: 1024 } },
          ],
          tmpfs: ['/run:size=1m'],
          secrets: [{ source: 'pw' }],
          configs: [{ source: 'cfg', target: '/etc/cfg' }],
          volumes_from: ['db:ro', 'container:other'],
        },
        { refs: { db: 'dbid' }, inherit: [{ Type: 'volume', Name: 'a'.repeat(64), Source: '', Destination: '/anon', Mode: '', RW: true, Propagation: '' }, { Type: 'volume', Name: 'b'.repeat(64), Source: '', Destination: '/image-vol', Mode: '', RW: true, Propagation: '' }] },
        { volumes: { data: { name: 'demo_data' } }, secrets: { pw: { file: '/w/pw.txt' } }, configs: { cfg: { file: '/w/cfg' } } },
      ),
    )
    const h = body.HostConfig
    expect(h?.Binds).toEqual(['/src:/src:ro'])
    expect(h?.Mounts).toEqual([
      { Type: 'volume', Source: 'demo_data', Target: '/data' },
      { Type: 'volume', Source: 'a'.repeat(64), Target: '/anon' },
      { Type: 'bind', Source: '/strict', Target: '/strict', BindOptions: { Propagation: 'rshared' } },
      { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1024 } },
      { Type: 'bind', Source: '/w/pw.txt', Target: '/run/secrets/pw', ReadOnly: true },
      { Type: 'bind', Source: '/w/cfg', Target: '/etc/cfg', ReadOnly: true },
      { Type: 'volume', Source: 'b'.repeat(64), Target: '/image-vol' },
    ])
    expect(h?.Tmpfs).toEqual({ '/run': 'size=1m' })
    expect(h?.VolumesFrom).toEqual(['dbid:ro', 'other'])
  })

  it('networks: primary by priority, aliases, static address, extras connected later', () => {
    const spec = toCreateSpec(
      input({ networks: { front: { aliases: ['www'], priority: 1 }, back: { ipv4_address: '10.5.0.5', priority: 10 } }, links: ['db:database'] }, {}, { networks: { front: { name: 'demo_front' }, back: { name: 'demo_back' } } }),
    )
    expect(spec.body.HostConfig?.NetworkMode).toBe('demo_back')
    expect(spec.body.NetworkingConfig?.EndpointsConfig?.demo_back).toEqual({ Aliases: ['web', 'demo-web-1'], IPAMConfig: { IPv4Address: '10.5.0.5' }, Links: ['demo-db-1:database'] })
    expect(spec.extraNetworks).toEqual([{ network: 'demo_front', endpoint: { Aliases: ['web', 'www', 'demo-web-1'], Links: ['demo-db-1:database'] } }])
  })

  it('network_mode: host, service reference', () => {
    expect(toCreateSpec(input({ network_mode: 'host' })).body.HostConfig?.NetworkMode).toBe('host')
    const spec = toCreateSpec(input({ network_mode: 'service:db', ipc: 'service:db', pid: 'host' }, { refs: { db: 'abc' } }))
    expect(spec.body.HostConfig).toMatchObject({ NetworkMode: 'container:abc', IpcMode: 'container:abc', PidMode: 'host' })
    expect(spec.body.NetworkingConfig).toBeUndefined()
  })

  it('resources: cpu, memory, pids, ulimits, devices, deploy.resources', () => {
    const { body } = toCreateSpec(
      input({ cpus: 0.5, cpu_shares: 512, cpuset: '0', mem_limit: 64 << 20, memswap_limit: 128 << 20, pids_limit: 50, ulimits: { nofile: { soft: 10, hard: 20 }, nproc: { single: 5 } }, devices: [{ source: '/dev/null', target: '/dev/n', permissions: 'rwm' }], oom_score_adj: 100, init: true, shm_size: 1 << 20, deploy: { resources: { reservations: { memory: 32 << 20 } } } }),
    )
    expect(body.HostConfig).toMatchObject({
      NanoCpus: 500000000,
      CpuShares: 512,
      CpusetCpus: '0',
      Memory: 67108864,
      MemorySwap: 134217728,
      MemoryReservation: 33554432,
      PidsLimit: 50,
      Ulimits: [
        { Name: 'nofile', Soft: 10, Hard: 20 },
        { Name: 'nproc', Soft: 5, Hard: 5 },
      ],
      Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/n', CgroupPermissions: 'rwm' }],
      OomScoreAdj: 100,
      Init: true,
      ShmSize: 1048576,
    })
  })

  it('host: privileges, dns, hosts, restart, logging', () => {
    const { body } = toCreateSpec(
      input({ cap_add: ['NET_ADMIN'], cap_drop: ['MKNOD'], privileged: true, security_opt: ['no-new-privileges'], sysctls: { 'net.core.somaxconn': '1024' }, dns: ['8.8.8.8'], dns_search: ['x'], extra_hosts: { h: ['1.2.3.4'] }, group_add: ['audio'], read_only: true, restart: 'on-failure:3', logging: { driver: 'json-file', options: { 'max-size': '1m' } }, uts: 'host' }),
    )
    expect(body.HostConfig).toMatchObject({ CapAdd: ['NET_ADMIN'], CapDrop: ['MKNOD'], Privileged: true, SecurityOpt: ['no-new-privileges'], Sysctls: { 'net.core.somaxconn': '1024' }, Dns: ['8.8.8.8'], DnsSearch: ['x'], ExtraHosts: ['h:1.2.3.4'], GroupAdd: ['audio'], ReadonlyRootfs: true, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 }, LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } }, UTSMode: 'host' })
    expect(toCreateSpec(input({ deploy: { restart_policy: { condition: 'any' } } })).body.HostConfig?.RestartPolicy).toEqual({ Name: 'always' })
  })

  it('warns for what the engine cannot honour', () => {
    const { warnings } = toCreateSpec(input({ annotations: { a: 'b' }, deploy: { placement: { constraints: ['x'] } }, pre_start: [{ command: ['x'] }], post_start: [{ command: ['x'] }] }))
    // post_start/pre_stop run through the compose:lifecycle-hooks plugin, pre_start in its own
    // containers (core/converge/pre-start.ts): no warning here
    expect(warnings).toEqual([
      'service "web": annotations needs Engine API 1.43; ignored',
      'service "web": deploy.placement is swarm-only; ignored',
    ])
  })
})
