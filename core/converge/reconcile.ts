/**
 * Reconcile (pure): desired project + observed engine state → a plan of single Engine calls,
 * each with a cause (compose-features.md 4.4). Networks and volumes first, then each service in
 * dependency order (leaves first): scale down (obsolete first, then the highest numbers),
 * recreate diverged containers (create under a temporary name, stop and remove the old one,
 * rename), start stopped ones, create the missing replicas; then the start phase, gated on the
 * `depends_on` conditions through `service:wait` nodes. No I/O, no clock: tests snapshot it.
 */
import { ComposeError } from '../errors.ts'
import type { ServiceGraph } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import { usedResources } from '../model/used-resources.ts'
import { networkHash, volumeHash } from './hash.ts'
import { CONFIG_HASH_LABEL, NETWORK_LABEL, PROJECT_LABEL, VOLUME_LABEL } from './labels.ts'
import { networkName, volumeName } from './naming.ts'
import type { ObservedContainer, ObservedResource, ObservedState } from './observe.ts'
import { Plan, type PlanNode } from './plan.ts'
import { planServices } from './_reconcile-services.ts'

export type RecreateStrategy = 'diverged' | 'force' | 'never'

export interface ReconcileOptions {
  /** For the selected services: `--force-recreate` → force, `--no-recreate` → never. */
  recreate?: RecreateStrategy
  /** For their dependencies: `--always-recreate-deps` → force, `--no-recreate` → never. */
  recreateDependencies?: RecreateStrategy
  /** `-V`: new anonymous volumes instead of the old container's. */
  renewAnonVolumes?: boolean
  /** `--remove-orphans`. */
  removeOrphans?: boolean
  /** COMPOSE_IGNORE_ORPHANS: neither remove nor warn about orphans. */
  ignoreOrphans?: boolean
  /** `--no-start` (create only). */
  noStart?: boolean
  /** `-t`: stop timeout in seconds for the containers that are replaced or scaled down. */
  timeout?: number
  /** Containers (by ID) to recreate whatever their state, e.g. when the engine cannot start them again. */
  replace?: ReadonlySet<string>
  /**
   * Volumes (by key) whose configuration changed that the user agreed to recreate, losing their
   * data (docker compose's prompt, `-y`): the containers mounting them are removed, the volume
   * is removed and created again, and the services get new containers. Others are kept.
   */
  recreateVolumes?: ReadonlySet<string>
  /** `--all-resources`: make every network and volume the project declares, used or not. */
  allResources?: boolean
}

export interface ReconcileInput {
  project: Project
  observed: ObservedState
  graph: ServiceGraph
  /** Services to converge (the selection plus its dependencies unless --no-deps). */
  services: ReadonlySet<string>
  /** Services the user named (default: all); others in `services` are dependencies. */
  selected?: ReadonlySet<string>
  /** Desired replicas per service (absent: 1). */
  replicas: Readonly<Record<string, number>>
  options?: ReconcileOptions
}

export interface ReconcileResult {
  plan: Plan
  warnings: string[]
}

/** Orphans: project containers whose service is neither enabled nor disabled, and exited one-offs. */
function networkById(observed: ObservedState, ref: string): ObservedResource | undefined {
  if (!/^[0-9a-f]+$/.test(ref)) return undefined
  const matches = Object.values(observed.networks).filter((n) => n.id.startsWith(ref))
  return matches.length === 1 ? matches[0] : undefined
}

export function findOrphans(project: Project, containers: readonly ObservedContainer[]): ObservedContainer[] {
  const known = (s: string): boolean => project.services[s] !== undefined || project.disabledServices?.[s] !== undefined
  return containers.filter((c) => (c.oneoff ? c.state === 'exited' || c.state === 'dead' : !known(c.service)))
}

/** Keys of the named volumes `services` mount (all of the project's services when omitted) that the project declares. */
export function usedVolumes(project: Project, services: Iterable<string> = Object.keys(project.services)): Set<string> {
  return new Set([...usedResources(project, services).volumes].filter((key) => project.volumes[key] !== undefined))
}

/** The networks and volumes to make: those `services` use, or all the project declares (`--all-resources`). */
function wantedResources(input: ReconcileInput): { networks: string[]; volumes: string[] } {
  const { project } = input
  if (input.options?.allResources === true) {
    const networks = new Set([...usedResources(project, input.services).networks, ...Object.keys(project.networks)])
    return { networks: [...networks].sort(), volumes: Object.keys(project.volumes).sort() }
  }
  return { networks: [...usedResources(project, input.services).networks].sort(), volumes: [...usedVolumes(project, input.services)].sort() }
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { project, observed } = input
  const plan = new Plan()
  const warnings: string[] = []
  const resourceNodes: number[] = []
  const recreated: RecreatedNetwork[] = []
  /** Containers stopped so that a network can be recreated: container ID → the stop node. */
  const stoppedForNetworks = new Map<string, number>()
  const wanted = wantedResources(input)
  for (const key of wanted.networks) {
    const cfg = project.networks[key]
    const name = networkName(project, key)
    const seen = observed.networks[name]
    if (cfg?.external === true) {
      // an external network may be named by its ID, or a unique prefix of it (as the engine looks it up)
      if (seen === undefined && networkById(observed, name) === undefined) throw new ComposeError('CONVERGE_EXTERNAL_MISSING', `network ${name} declared as external, but could not be found`, { hint: `create it with \`docker network create ${name}\`` })
      continue
    }
    if (seen === undefined) {
      resourceNodes.push(plan.add({ type: 'network:create', key, name }, 'missing'))
    } else if (seen.labels[PROJECT_LABEL] !== project.name || seen.labels[NETWORK_LABEL] !== key) {
      warnings.push(foreign('network', name, seen.labels[PROJECT_LABEL], project.name))
    } else {
      if (diverged(seen.labels, networkHash(cfg ?? {}, name))) {
        // as docker compose does: the service containers stop first (the start phase starts them
        // again, on the new network); one-off containers are only detached and attached again
        const attached = observed.containers.filter((c) => c.networks.includes(name))
        const detached = attached.map((c) => {
          const target = { id: c.id, name: c.name }
          let stop = stoppedForNetworks.get(c.id)
          if (stop === undefined && !c.oneoff && RUNNING.has(c.state)) {
            stop = plan.add({ type: 'container:stop', service: c.service, target, ...timeout(input) }, `network ${key} config changed`)
            stoppedForNetworks.set(c.id, stop)
          }
          return plan.add({ type: 'network:disconnect', service: c.service, target, network: seen.id }, `network ${key} config changed`, [stop])
        })
        const removed = plan.add({ type: 'network:remove', name, id: seen.id }, 'config hash diverged', detached)
        const created = plan.add({ type: 'network:create', key, name }, 'recreate after config change', [removed])
        resourceNodes.push(created)
        recreated.push({ key, name, created, attached })
      }
    }
  }
  const changedVolumes = new Set(divergedVolumes(project, observed, input.services))
  /** Containers removed with a volume that is recreated: they are replaced by new ones. */
  const removedWithVolumes = new Set<string>()
  for (const key of wanted.volumes) {
    const cfg = project.volumes[key]
    const name = volumeName(project, key)
    const seen = observed.volumes[name]
    if (cfg?.external === true) {
      if (seen === undefined) throw new ComposeError('CONVERGE_EXTERNAL_MISSING', `external volume "${name}" not found`, { hint: `create it with \`docker volume create ${name}\`` })
      continue
    }
    if (seen === undefined) {
      resourceNodes.push(plan.add({ type: 'volume:create', key, name }, 'missing'))
    } else if (seen.labels[PROJECT_LABEL] !== project.name || seen.labels[VOLUME_LABEL] !== key) {
      warnings.push(foreign('volume', name, seen.labels[PROJECT_LABEL], project.name))
    } else if (changedVolumes.has(key) && input.options?.recreateVolumes?.has(key) === true) {
      resourceNodes.push(planVolumeRecreate(input, plan, key, name, removedWithVolumes))
    } else if (changedVolumes.has(key)) {
      warnings.push(`volume "${name}" exists but doesn't match the configuration in the compose file; it is kept as it is, with its data (\`up -y\` recreates it and loses the data)`)
    }
  }
  const orphans = findOrphans(project, observed.containers)
  if (orphans.length > 0) {
    if (input.options?.removeOrphans === true) {
      for (const o of orphans) {
        const target = { id: o.id, name: o.name }
        const stop = o.state === 'running' || o.state === 'paused' || o.state === 'restarting' ? plan.add({ type: 'container:stop', service: o.service, target, ...timeout(input) }, 'orphan') : undefined
        plan.add({ type: 'container:remove', service: o.service, target }, 'orphan', [stop])
      }
    } else if (input.options?.ignoreOrphans !== true) {
      warnings.push(
        `Found orphan containers (${orphans.map((o) => o.name).join(', ')}) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`,
      )
    }
  }
  planServices(input, plan, resourceNodes, { stoppedForNetworks, removedWithVolumes })
  reconnect(plan, recreated)
  return { plan, warnings }
}

/**
 * The project's volumes used by `services` whose recorded config hash differs from the compose
 * file's (keys, sorted): `up` asks before it recreates them (ReconcileOptions.recreateVolumes).
 */
export function divergedVolumes(project: Project, observed: ObservedState, services: ReadonlySet<string>): string[] {
  return [...usedVolumes(project, services)].sort().filter((key) => {
    const cfg = project.volumes[key]
    const name = volumeName(project, key)
    const seen = observed.volumes[name]
    if (cfg?.external === true || seen === undefined || seen.labels[PROJECT_LABEL] !== project.name || seen.labels[VOLUME_LABEL] !== key) return false
    return diverged(seen.labels, volumeHash(cfg ?? {}, name))
  })
}

/**
 * Recreates a volume (docker compose's planRecreateVolumes): the containers of every service
 * that mounts it, directly or through `volumes_from`, stop and are removed (the engine keeps a
 * volume that any container refers to); then the volume is removed and created again. Returns
 * the create node, which the services' new containers wait for.
 */
function planVolumeRecreate(input: ReconcileInput, plan: Plan, key: string, name: string, removed: Set<string>): number {
  const services = servicesMounting(input.project, key)
  const removes: number[] = []
  for (const c of input.observed.containers) {
    if (c.oneoff || !services.has(c.service)) continue
    const target = { id: c.id, name: c.name }
    const stop = RUNNING.has(c.state) ? plan.add({ type: 'container:stop', service: c.service, target, ...timeout(input) }, 'mounted volume config changed') : undefined
    removes.push(plan.add({ type: 'container:remove', service: c.service, target }, 'mounted volume config changed', [stop]))
    removed.add(c.id)
  }
  const remove = plan.add({ type: 'volume:remove', name }, 'config hash diverged', removes)
  return plan.add({ type: 'volume:create', key, name }, 'recreate after config change', [remove])
}

/** Services whose containers mount volume `key`: directly, or through `volumes_from` (transitively). */
function servicesMounting(project: Project, key: string): Set<string> {
  const out = new Set(Object.keys(project.services).filter((s) => project.services[s]?.volumes?.some((v) => v.type === 'volume' && v.source === key) === true))
  for (let grew = true; grew; ) {
    grew = false
    for (const [name, s] of Object.entries(project.services)) {
      if (out.has(name)) continue
      if ((s.volumes_from ?? []).some((from) => !from.startsWith('container:') && out.has(from.split(':')[0] ?? ''))) {
        out.add(name)
        grew = true
      }
    }
  }
  return out
}

/** A recorded config hash that differs; a resource without one (older tools, made by hand) is left as it is. */
function diverged(labels: Readonly<Record<string, string>>, expected: string): boolean {
  const recorded = labels[CONFIG_HASH_LABEL]
  return recorded !== undefined && recorded !== '' && recorded !== expected
}

interface RecreatedNetwork {
  key: string
  name: string
  /** The network:create node. */
  created: number
  attached: ObservedContainer[]
}

/**
 * Containers detached from a recreated network are attached to the new one, keeping their
 * identity (docker compose's planRecreateNetworks), unless the plan removes them anyway; a
 * container that was stopped for it starts again once it is attached to all of them.
 */
function reconnect(plan: Plan, recreated: readonly RecreatedNetwork[]): void {
  if (recreated.length === 0) return
  const removed = new Set<string>()
  const starts = new Map<string, PlanNode>()
  for (const n of plan.nodes) {
    if (n.op.type === 'container:remove' && 'id' in n.op.target) removed.add(n.op.target.id)
    if (n.op.type === 'container:start' && 'id' in n.op.target) starts.set(n.op.target.id, n)
  }
  for (const net of recreated) {
    for (const c of net.attached) {
      if (removed.has(c.id)) continue
      const connect = plan.add({ type: 'network:connect', service: c.service, target: { id: c.id, name: c.name }, network: net.name, key: net.key, number: c.number }, 'network recreated', [net.created])
      const start = starts.get(c.id)
      if (start !== undefined) start.deps = [...start.deps, connect].sort((a, b) => a - b)
    }
  }
}

/** States in which a container holds its networks (and stops before they are recreated). */
const RUNNING: ReadonlySet<string> = new Set(['running', 'paused', 'restarting'])

function timeout(input: ReconcileInput): { timeout?: number } {
  return input.options?.timeout === undefined ? {} : { timeout: input.options.timeout }
}

function foreign(kind: string, name: string, owner: string | undefined, project: string): string {
  return owner === undefined || owner === ''
    ? `${kind} "${name}" already exists but was not created by Docker Compose. Use \`external: true\` to use an existing ${kind}`
    : `${kind} "${name}" already exists but was created for project "${owner}" (expected "${project}"). Use \`external: true\` to use an existing ${kind}`
}
