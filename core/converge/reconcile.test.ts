import { describe, expect, it } from 'vitest'
import { buildGraph } from '../graph/graph.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { networkHash, serviceHash, volumeHash } from './hash.ts'
import { volumeName } from './naming.ts'
import type { ObservedContainer, ObservedState } from './observe.ts'
import { divergedVolumes, reconcile, type ReconcileOptions } from './reconcile.ts'

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return {
    name: 'p',
    services: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, { name, image: 'busybox', ...s }])),
    networks: { default: { name: 'p_default' } },
    volumes: { data: { name: 'p_data' } },
    secrets: {},
    configs: {},
  }
}

function container(p: Project, service: string, number: number, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  const svc = p.services[service]
  return {
    id: `${service}${number}`.padEnd(16, '0'),
    name: `p-${service}-${number}`,
    service,
    number,
    oneoff: false,
    state: 'running',
    configHash: svc === undefined ? 'x' : serviceHash(svc),
    imageDigest: 'sha256:img',
    labels: {},
    networks: ['p_default'],
    // the named volumes its service mounts, as the engine lists them
    mounts: (svc?.volumes ?? []).flatMap((v) =>
      v.type === 'volume' && v.source !== undefined && p.volumes[v.source] !== undefined
        ? [{ Type: 'volume' as const, Name: volumeName(p, v.source), Source: '', Destination: v.target, Mode: 'z', RW: true, Propagation: '' }]
        : [],
    ),
    created: 0,
    ...extra,
  }
}

function observed(containers: ObservedContainer[], withResources = true): ObservedState {
  const labels = (kind: string, key: string) => ({ 'com.docker.compose.project': 'p', [`com.docker.compose.${kind}`]: key })
  return {
    project: 'p',
    containers,
    networks: withResources ? { p_default: { id: 'n', name: 'p_default', labels: labels('network', 'default') } } : {},
    volumes: withResources ? { p_data: { id: 'p_data', name: 'p_data', labels: labels('volume', 'data') } } : {},
    images: { busybox: 'sha256:img' },
  }
}

function plan(p: Project, o: ObservedState, replicas: Record<string, number> = {}, options: ReconcileOptions = {}, selected?: string[]) {
  const graph = buildGraph(p)
  const res = reconcile({ project: p, observed: o, graph, services: new Set(graph.order), ...(selected ? { selected: new Set(selected) } : {}), replicas, options })
  return { text: res.plan.toString(), warnings: res.warnings }
}

describe('reconcile', () => {
  it('up from nothing: resources, then creates in dependency order, starts gated by conditions', () => {
    const p = project({
      web: { depends_on: { db: { condition: 'service_healthy', required: true } }, volumes: [{ type: 'volume', source: 'data', target: '/d' }] },
      db: {},
    })
    expect(plan(p, observed([], false)).text).toMatchInlineSnapshot(`
      "[] -> #1 network:p_default, network:create, missing
      [] -> #2 volume:p_data, volume:create, missing
      [1,2] -> #3 container:p-db-1, container:create, no container
      [1,2,3] -> #4 container:p-web-1, container:create, no container
      [3] -> #5 container:p-db-1, container:start, created
      [3,5] -> #6 service:db, service:wait, web depends on db (service_healthy)
      [4,6] -> #7 container:p-web-1, container:start, created
      "
    `)
  })

  it('no-op when everything is up to date and running', () => {
    const p = project({ web: {}, db: {} })
    expect(plan(p, observed([container(p, 'web', 1), container(p, 'db', 1)])).text).toBe('')
  })

  it('recreates a changed service: temp name, stop and remove old, rename, start', () => {
    const p = project({ web: { environment: { A: '2' } } })
    const old = container(p, 'web', 1, { configHash: 'old' })
    expect(plan(p, observed([old])).text).toMatchInlineSnapshot(`
      "[] -> #1 container:web100000000_p-web-1, container:create, config hash changed
      [1] -> #2 container:p-web-1, container:stop, replaced
      [2] -> #3 container:p-web-1, container:remove, replaced
      [3] -> #4 container:p-web-1, container:rename, replaced
      [4] -> #5 container:p-web-1, container:start, recreated
      "
    `)
  })

  it('scale down removes obsolete first then the highest numbers; scale up takes new numbers', () => {
    const p = project({ web: {} })
    const cs = [container(p, 'web', 1), container(p, 'web', 2, { configHash: 'old' }), container(p, 'web', 3), container(p, 'web', 4)]
    expect(plan(p, observed(cs), { web: 2 }).text).toMatchInlineSnapshot(`
      "[] -> #1 container:p-web-4, container:stop, scale down to 2
      [1] -> #2 container:p-web-4, container:remove, scale down to 2
      [] -> #3 container:p-web-2, container:stop, scale down to 2 (obsolete: config hash changed)
      [3] -> #4 container:p-web-2, container:remove, scale down to 2 (obsolete: config hash changed)
      "
    `)
    expect(plan(p, observed([container(p, 'web', 1), container(p, 'web', 3)]), { web: 3 }).text).toMatchInlineSnapshot(`
      "[] -> #1 container:p-web-4, container:create, scale up to 3
      [1] -> #2 container:p-web-4, container:start, created
      "
    `)
  })

  it('strategies: force, never, and dependencies apart', () => {
    const p = project({ web: { depends_on: { db: { condition: 'service_started', required: true } } }, db: {} })
    const cs = [container(p, 'web', 1), container(p, 'db', 1, { configHash: 'old' })]
    expect(plan(p, observed(cs), {}, { recreate: 'never', recreateDependencies: 'never' }).text).toBe('')
    const forced = plan(p, observed([container(p, 'web', 1), container(p, 'db', 1)]), {}, { recreate: 'force' }, ['web']).text
    expect(forced).toContain('container:web100000000_p-web-1, container:create, forced recreate')
    expect(forced).not.toContain('p-db-1, container:create')
  })

  it('replaces the containers it is told to, even up to date and under --no-recreate', () => {
    // up does this once when the engine answers "task <id>: already exists" to a start
    const p = project({ web: {}, db: {} })
    const cs = [container(p, 'web', 1, { state: 'created' }), container(p, 'db', 1, { state: 'created' })]
    const text = plan(p, observed(cs), {}, { recreate: 'never', replace: new Set([cs[0]?.id ?? '']) }).text
    expect(text).toContain('container:web100000000_p-web-1, container:create, the engine cannot start it again')
    expect(text).toContain('container:p-db-1, container:start')
    expect(text).not.toContain('p-db-1, container:create')
  })

  it('starts stopped up-to-date containers, unpauses paused ones', () => {
    const p = project({ a: {}, b: {} })
    expect(plan(p, observed([container(p, 'a', 1, { state: 'exited' }), container(p, 'b', 1, { state: 'paused' })])).text).toMatchInlineSnapshot(`
      "[] -> #1 container:p-a-1, container:start, not running (exited)
      [] -> #2 container:p-b-1, container:start, paused
      "
    `)
  })

  it('warns about orphans, or removes them', () => {
    const p = project({ web: {} })
    const cs = [container(p, 'web', 1), container(p, 'gone', 1)]
    expect(plan(p, observed(cs)).warnings[0]).toMatch(/Found orphan containers \(p-gone-1\)/)
    expect(plan(p, observed(cs), {}, { ignoreOrphans: true })).toMatchObject({ warnings: [], text: '' })
    expect(plan(p, observed(cs), {}, { removeOrphans: true, timeout: 3 }).text).toMatchInlineSnapshot(`
      "[] -> #1 container:p-gone-1, container:stop, orphan
      [1] -> #2 container:p-gone-1, container:remove, orphan
      "
    `)
  })

  it('recreating a namespace parent recreates the child; restart: true dependents are bounced', () => {
    const p = project({
      app: { network_mode: 'service:net' },
      net: { environment: { V: '2' } },
      web: { depends_on: { net: { condition: 'service_started', required: true, restart: true } } },
    })
    const netOld = container(p, 'net', 1, { configHash: 'old' })
    const app = container(p, 'app', 1, { configHash: serviceHash(p.services.app as ServiceConfig, { net: netOld.id }) })
    const text = plan(p, observed([netOld, app, container(p, 'web', 1)])).text
    expect(text).toContain('container:p-web-1, container:stop, dependency net is recreated (restart: true)')
    expect(text).toContain('container:app100000000_p-app-1, container:create, shares namespaces or volumes with recreated service net')
    expect(text).toMatch(/container:p-web-1, container:start, dependency restarted/)
  })

  it('-V drops anonymous volume inheritance', () => {
    const p = project({ web: {} })
    const mounts = [{ Type: 'volume' as const, Name: 'a'.repeat(64), Source: '', Destination: '/x', Mode: '', RW: true, Propagation: '' }]
    const graph = buildGraph(p)
    const o = observed([container(p, 'web', 1, { configHash: 'old', mounts })])
    const keep = reconcile({ project: p, observed: o, graph, services: new Set(['web']), replicas: {} })
    const renew = reconcile({ project: p, observed: o, graph, services: new Set(['web']), replicas: {}, options: { renewAnonVolumes: true } })
    const create = (r: typeof keep) => r.plan.nodes.find((n) => n.op.type === 'container:create')?.op
    expect(create(keep)).toMatchObject({ inherit: mounts })
    expect(create(renew)).not.toHaveProperty('inherit')
  })

  it('rejects scaling a service with container_name, and missing external resources', () => {
    const p = project({ web: { container_name: 'fixed' } })
    expect(() => plan(p, observed([]), { web: 2 })).toThrow(/container_name "fixed"/)
    const q = project({ web: {} })
    q.networks.default = { name: 'ext', external: true }
    expect(() => plan(q, observed([]))).toThrow(/network ext declared as external/)
  })

  it('finds an external network named by its ID or a unique prefix of it', () => {
    const o = observed([])
    o.networks['shared'] = { id: '3f1c2d4e5a6b7c8d9e0f', name: 'shared', labels: {} }
    o.networks['other'] = { id: '3f9a000000000000', name: 'other', labels: {} }
    for (const ref of ['3f1c2d4e5a6b7c8d9e0f', '3f1c2d4e5a6b']) {
      const q = project({ web: {} })
      q.networks.default = { name: ref, external: true }
      expect(plan(q, o).text).not.toMatch(/network:create/)
    }
    const ambiguous = project({ web: {} })
    ambiguous.networks.default = { name: '3f', external: true }
    expect(() => plan(ambiguous, o)).toThrow(/network 3f declared as external/)
  })

  it('--no-start plans no starts and no waits', () => {
    const p = project({ web: { depends_on: { db: { condition: 'service_healthy', required: true } } }, db: {} })
    expect(plan(p, observed([]), {}, { noStart: true }).text).not.toMatch(/start|wait/)
  })
})

describe('reconcile: pre_start hooks', () => {
  const p = project({ web: { pre_start: [{ command: ['true'] }], scale: 2 } })

  it('run once before the first start, with the lowest-numbered container, after it exists', () => {
    expect(plan(p, observed([]), { web: 2 }).text).toBe(
      [
        '[] -> #1 container:p-web-1, container:create, no container',
        '[] -> #2 container:p-web-2, container:create, no container',
        '[1] -> #3 service:web, service:pre-start, pre_start hooks',
        '[1,3] -> #4 container:p-web-1, container:start, created',
        '[2,3] -> #5 container:p-web-2, container:start, created',
        '',
      ].join('\n'),
    )
  })

  it('do not run when a container of the service stays running, and run again when all restart', () => {
    const o = observed([container(p, 'web', 1), container(p, 'web', 2, { state: 'exited' })])
    expect(plan(p, o, { web: 2 }).text).not.toMatch(/pre-start/)
    expect(plan(p, o, { web: 2 }, { recreate: 'force' }).text).toMatch(/service:pre-start/)
    expect(plan(p, observed([container(p, 'web', 1, { state: 'exited' })]), { web: 1 }).text).toMatch(/\[\] -> #1 service:web, service:pre-start/)
  })
})

describe('reconcile: network and volume drift', () => {
  const withHash = (o: ObservedState, network: string, volume: string): ObservedState => ({
    ...o,
    networks: Object.fromEntries(Object.entries(o.networks).map(([k, n]) => [k, { ...n, labels: { ...n.labels, 'com.docker.compose.config-hash': network } }])),
    volumes: Object.fromEntries(Object.entries(o.volumes).map(([k, v]) => [k, { ...v, labels: { ...v.labels, 'com.docker.compose.config-hash': volume } }])),
  })
  const p = project({ web: { volumes: [{ type: 'volume', source: 'data', target: '/d' }] } })

  it('recreates a network whose recorded hash differs: stops its containers, reconnects them and starts them again; leaves equal or unrecorded hashes alone', () => {
    const o = observed([container(p, 'web', 1)])
    const diverged = plan(p, withHash(o, 'old', volumeHash({ name: 'p_data' }, 'p_data')))
    expect(diverged.text).toBe(
      [
        '[] -> #1 container:p-web-1, container:stop, network default config changed',
        '[1] -> #2 container:p-web-1, network:disconnect, network default config changed',
        '[2] -> #3 network:p_default, network:remove, config hash diverged',
        '[3] -> #4 network:p_default, network:create, recreate after config change',
        '[1,6] -> #5 container:p-web-1, container:start, network recreated',
        '[4] -> #6 container:p-web-1, network:connect, network recreated',
        '',
      ].join('\n'),
    )
    expect(diverged.warnings).toEqual([])
    expect(plan(p, withHash(o, networkHash({ name: 'p_default' }, 'p_default'), volumeHash({ name: 'p_data' }, 'p_data'))).text).toBe('')
    expect(plan(p, o).text).toBe('')
  })

  it('on a recreated network, detaches a one-off container without stopping it, and starts an exited container only once it is attached again', () => {
    const o = observed([container(p, 'web', 1, { state: 'exited' }), container(p, 'web', 2, { oneoff: true, name: 'p-web-run-1' })])
    const text = plan(p, withHash(o, 'old', volumeHash({ name: 'p_data' }, 'p_data'))).text
    expect(text).not.toMatch(/container:stop/)
    expect(text).toMatch(/\[\] -> #2 container:p-web-run-1, network:disconnect/)
    expect(text).toMatch(/\[6\] -> #5 container:p-web-1, container:start, not running \(exited\)/)
    expect(text).toMatch(/\[4\] -> #6 container:p-web-1, network:connect/)
    expect(text).toMatch(/\[4\] -> #7 container:p-web-run-1, network:connect/)
  })

  it('keeps a volume whose recorded hash differs, with a warning', () => {
    const res = plan(p, withHash(observed([container(p, 'web', 1)]), networkHash({ name: 'p_default' }, 'p_default'), 'old'))
    expect(res.text).toBe('')
    expect(res.warnings).toEqual([expect.stringContaining('volume "p_data" exists but doesn\'t match the configuration in the compose file')])
    expect(divergedVolumes(p, withHash(observed([]), 'x', 'old'), new Set(['web']))).toEqual(['data'])
    expect(divergedVolumes(p, withHash(observed([]), 'x', volumeHash({ name: 'p_data' }, 'p_data')), new Set(['web']))).toEqual([])
  })

  it('recreates a changed volume the user agreed to: removes the containers that mount it (volumes_from too), the volume, then makes all anew', () => {
    const q = project({ web: { volumes: [{ type: 'volume', source: 'data', target: '/d' }] }, side: { volumes_from: ['web'] }, other: {} })
    const o = withHash(observed([container(q, 'web', 1), container(q, 'side', 1, { state: 'exited' }), container(q, 'other', 1)]), networkHash({ name: 'p_default' }, 'p_default'), 'old')
    const res = plan(q, o, {}, { recreateVolumes: new Set(['data']) })
    expect(res.warnings).toEqual([])
    expect(res.text).toBe(
      [
        '[] -> #1 container:p-web-1, container:stop, mounted volume config changed',
        '[1] -> #2 container:p-web-1, container:remove, mounted volume config changed',
        '[] -> #3 container:p-side-1, container:remove, mounted volume config changed',
        '[2,3] -> #4 volume:p_data, volume:remove, config hash diverged',
        '[4] -> #5 volume:p_data, volume:create, recreate after config change',
        '[5] -> #6 container:p-web-1, container:create, no container',
        '[5,6] -> #7 container:p-side-1, container:create, no container',
        '[6] -> #8 container:p-web-1, container:start, created',
        '[6,7,8] -> #9 container:p-side-1, container:start, created',
        '',
      ].join('\n'),
    )
  })

  it('recreates a container that does not mount its named volume (the volume was renamed)', () => {
    const o = observed([container(p, 'web', 1, { mounts: [] })])
    expect(plan(p, o).text).toMatch(/container:create, volume p_data is not mounted/)
    expect(plan(p, o, {}, { recreate: 'never' }).text).toBe('')
  })
})
