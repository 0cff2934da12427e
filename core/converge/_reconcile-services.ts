/** The container part of reconcile: one pass per service in dependency order, then the start phase wiring. */
import { ComposeError } from '../errors.ts'
import { serviceRef } from '../graph/graph.ts'
import type { ServiceConfig } from '../model/project.ts'
import { serviceHash } from './hash.ts'
import { containerName, imageName, networkName, replacedName, replacementName, volumeName } from './naming.ts'
import type { ObservedContainer } from './observe.ts'
import type { ContainerTarget, Plan } from './plan.ts'
import type { ReconcileInput, RecreateStrategy } from './reconcile.ts'
import { networksByPriority } from './spec-networks.ts'

interface ServiceNodes {
  /** Nodes after which every container of the service exists under its final name. */
  ready: number[]
  /** Start nodes of the service. */
  starts: number[]
  /** The service's containers once the plan ran, lowest number first. */
  containers: ContainerTarget[]
  recreated: boolean
  /** What the service's `service:x` references resolve to. */
  refs: Record<string, ContainerTarget>
}

function referencedServices(service: ServiceConfig): string[] {
  const refs = [serviceRef(service.network_mode), serviceRef(service.ipc), serviceRef(service.pid)]
  for (const from of service.volumes_from ?? []) if (!from.startsWith('container:')) refs.push(from.split(':')[0])
  return [...new Set(refs.filter((r): r is string => r !== undefined && r !== ''))]
}

function obsoleteCause(input: ReconcileInput, service: ServiceConfig, c: ObservedContainer, strategy: RecreateStrategy, parent: string | undefined, hash: string): string | undefined {
  if (input.options?.replace?.has(c.id) === true) return 'the engine cannot start it again'
  if (strategy === 'never') return undefined
  if (strategy === 'force') return 'forced recreate'
  if (parent !== undefined) return `shares namespaces or volumes with recreated service ${parent}`
  if (c.configHash !== hash) return 'config hash changed'
  const imageId = input.observed.images[imageName(input.project, service)]
  if (imageId !== undefined && imageId !== null && c.imageDigest !== imageId) return 'image changed'
  if (c.state === 'running' && service.network_mode === undefined) {
    for (const key of networksByPriority(service)) {
      const name = networkName(input.project, key)
      if (input.observed.networks[name] !== undefined && !c.networks.includes(name)) return `not attached to network ${name}`
    }
  }
  const unmounted = unmountedVolume(input, service, c)
  if (unmounted !== undefined) return `volume ${unmounted} is not mounted`
  return undefined
}

/** A named volume of the service that the container does not mount (e.g. the volume's `name:` changed). */
function unmountedVolume(input: ReconcileInput, service: ServiceConfig, c: ObservedContainer): string | undefined {
  for (const v of service.volumes ?? []) {
    if (v.type !== 'volume' || v.source === undefined || input.project.volumes[v.source] === undefined) continue
    const name = volumeName(input.project, v.source)
    if (!c.mounts.some((m) => m.Type === 'volume' && m.Name === name)) return name
  }
  return undefined
}

/** What the resource phase of the plan did to existing containers. */
export interface ResourceEffects {
  /** Containers stopped so that a network can be recreated (ID → stop node); the up-to-date ones start again. */
  stoppedForNetworks: ReadonlyMap<string, number>
  /** Containers removed with a recreated volume (IDs): their services get new containers. */
  removedWithVolumes: ReadonlySet<string>
}

/** Plans each service's containers (leaves first), then the start phase. */
export function planServices(input: ReconcileInput, plan: Plan, resourceNodes: readonly number[], effects: ResourceEffects): void {
  const { stoppedForNetworks, removedWithVolumes } = effects
  const { project, graph } = input
  const opts = input.options ?? {}
  const byService = new Map<string, ServiceNodes>()
  const restartStopped = new Map<string, number>()
  const pendingStarts: { service: string; target: ContainerTarget; number: number; after: (number | undefined)[]; cause: string }[] = []
  const stopTimeout = opts.timeout === undefined ? {} : { timeout: opts.timeout }

  for (const name of graph.order) {
    if (!input.services.has(name)) continue
    const service = project.services[name] as ServiceConfig
    const replicas = input.replicas[name] ?? 1
    if (service.container_name !== undefined && replicas > 1) {
      throw new ComposeError('CONVERGE_INVALID', `service "${name}": container_name "${service.container_name}" is set, so it cannot be scaled to ${replicas}`, { hint: 'remove container_name to run several replicas' })
    }
    const strategy = (input.selected === undefined || input.selected.has(name) ? opts.recreate : opts.recreateDependencies) ?? 'diverged'
    const deps = [...(graph.dependencies.get(name)?.keys() ?? [])].filter((d) => input.services.has(d))
    const depReady = deps.flatMap((d) => byService.get(d)?.ready ?? [])
    const refs: Record<string, ContainerTarget> = {}
    const ids: Record<string, string> = {}
    let parentRecreated: string | undefined
    for (const ref of referencedServices(service)) {
      const target = byService.get(ref)?.containers[0] ?? firstObserved(input, ref)
      if (target === undefined) continue
      refs[ref] = target
      if ('id' in target) ids[ref] = target.id
      if (byService.get(ref)?.recreated === true) parentRecreated ??= ref
    }
    const hash = serviceHash(service, ids)
    const existing = input.observed.containers.filter((c) => c.service === name && !c.oneoff && !removedWithVolumes.has(c.id))
    const classified = existing.map((c) => ({ c, cause: obsoleteCause(input, service, c, strategy, parentRecreated, hash) }))
    classified.sort((a, b) => Number(a.cause !== undefined) - Number(b.cause !== undefined) || a.c.number - b.c.number)
    const nodes: ServiceNodes = { ready: [], starts: [], containers: [], recreated: input.observed.containers.some((c) => c.service === name && removedWithVolumes.has(c.id)), refs }
    const createDeps = [...resourceNodes, ...depReady]
    const start = (target: ContainerTarget & { number: number }, after: (number | undefined)[], cause: string): void => {
      const { number, ...rest } = target
      if (opts.noStart !== true) pendingStarts.push({ service: name, target: rest, number, after, cause })
    }
    classified.forEach(({ c, cause }, i) => {
      const target = { id: c.id, name: c.name }
      if (i >= replicas) {
        const why = cause === undefined ? `scale down to ${replicas}` : `scale down to ${replicas} (obsolete: ${cause})`
        const stop = c.state === 'exited' || c.state === 'created' || c.state === 'dead' ? undefined : plan.add({ type: 'container:stop', service: name, target, ...stopTimeout }, why)
        plan.add({ type: 'container:remove', service: name, target }, why, [stop])
        return
      }
      const final = containerName(project, service, c.number)
      if (cause !== undefined) {
        nodes.recreated = true
        stopRestartDependents(name, createDeps)
        const create = plan.add(
          {
            type: 'container:create',
            service: name,
            number: c.number,
            name: final,
            createName: replacementName(c.id, final),
            refs,
            ...(opts.renewAnonVolumes === true ? {} : { inherit: c.mounts }),
            replaces: replacedName(project, service, c.number),
          },
          cause,
          createDeps,
        )
        const stop = plan.add({ type: 'container:stop', service: name, target, ...stopTimeout }, 'replaced', [create])
        const remove = plan.add({ type: 'container:remove', service: name, target }, 'replaced', [stop])
        const rename = plan.add({ type: 'container:rename', service: name, target: { node: create, name: final }, name: final }, 'replaced', [remove])
        nodes.ready.push(rename)
        nodes.containers.push({ node: create, name: final })
        start({ node: create, name: final, number: c.number }, [rename], 'recreated')
        return
      }
      nodes.containers.push(target)
      const stoppedForRestart = restartStopped.get(c.id)
      const stoppedForNetwork = stoppedForNetworks.get(c.id)
      const numbered = { ...target, number: c.number }
      if (stoppedForRestart !== undefined) start(numbered, [stoppedForRestart, stoppedForNetwork], 'dependency restarted')
      else if (stoppedForNetwork !== undefined) start(numbered, [stoppedForNetwork], 'network recreated')
      else if (c.state === 'paused') start(numbered, [], 'paused')
      else if (c.state !== 'running' && c.state !== 'restarting') start(numbered, [], `not running (${c.state})`)
    })
    const highest = existing.reduce((n, c) => Math.max(n, c.number), 0)
    for (let i = existing.length, next = highest + 1; i < replicas; i++, next++) {
      const final = containerName(project, service, next)
      const create = plan.add({ type: 'container:create', service: name, number: next, name: final, createName: final, refs }, existing.length === 0 ? 'no container' : `scale up to ${replicas}`, createDeps)
      nodes.ready.push(create)
      nodes.containers.push({ node: create, name: final })
      start({ node: create, name: final, number: next }, [create], 'created')
    }
    byService.set(name, nodes)
  }

  /** `restart: true` dependents stop before this service is recreated and start again after it. */
  function stopRestartDependents(service: string, createDeps: number[]): void {
    for (const dependent of graph.dependents.get(service) ?? []) {
      if (!input.services.has(dependent) || graph.dependencies.get(dependent)?.get(service)?.restart !== true) continue
      for (const c of input.observed.containers) {
        if (c.service !== dependent || c.oneoff || c.state !== 'running' || restartStopped.has(c.id)) continue
        const stop = plan.add({ type: 'container:stop', service: dependent, target: { id: c.id, name: c.name }, ...stopTimeout }, `dependency ${service} is recreated (restart: true)`)
        restartStopped.set(c.id, stop)
        createDeps.push(stop)
      }
    }
  }

  // start phase: each start waits for its own container and for the dependencies' conditions
  const gates = new Map<string, number[]>()
  const gateFor = (service: string): number[] => {
    const cached = gates.get(service)
    if (cached !== undefined) return cached
    const out: number[] = []
    for (const [dep, edge] of graph.dependencies.get(service) ?? []) {
      const d = byService.get(dep)
      if (d === undefined || (input.replicas[dep] ?? 1) === 0) continue
      const depStarts = startsOf(dep)
      if (edge.condition === 'service_started') {
        out.push(...depStarts, ...d.ready)
        continue
      }
      out.push(
        plan.add(
          { type: 'service:wait', service: dep, condition: edge.condition, required: edge.required, containers: d.containers, dependent: service },
          `${service} depends on ${dep} (${edge.condition})`,
          [...depStarts, ...d.ready],
        ),
      )
    }
    gates.set(service, out)
    return out
  }
  const startNodes = new Map<string, number[]>()
  function startsOf(service: string): number[] {
    const cached = startNodes.get(service)
    if (cached !== undefined) return cached
    const mine = pendingStarts.filter((p) => p.service === service)
    const gate = mine.length > 0 ? gateFor(service) : []
    const preStart = preStartOf(service, mine, gate)
    const ids = mine.map((p) => plan.add({ type: 'container:start', service, target: p.target }, p.cause, [...p.after, ...gate, preStart]))
    startNodes.set(service, ids)
    byService.get(service)?.starts.push(...ids)
    return ids
  }
  /**
   * The `pre_start` hooks run once before the service's containers start, when all of them are
   * about to start (none stays running), with the lowest-numbered one's volumes.
   */
  function preStartOf(service: string, mine: readonly (typeof pendingStarts)[number][], gate: readonly number[]): number | undefined {
    const nodes = byService.get(service)
    if ((project.services[service]?.pre_start?.length ?? 0) === 0 || nodes === undefined || mine.length === 0 || mine.length !== nodes.containers.length) return undefined
    const first = [...mine].sort((a, b) => a.number - b.number)[0] as (typeof pendingStarts)[number]
    return plan.add({ type: 'service:pre-start', service, target: first.target, refs: nodes.refs }, 'pre_start hooks', [...first.after, ...gate])
  }
  for (const name of graph.order) if (input.services.has(name)) startsOf(name)
}

function firstObserved(input: ReconcileInput, service: string): ContainerTarget | undefined {
  const c = input.observed.containers.filter((x) => x.service === service && !x.oneoff).sort((a, b) => a.number - b.number)[0]
  return c === undefined ? undefined : { id: c.id, name: c.name }
}
