/**
 * The service dependency graph (compose-features.md 4.5): edges from `depends_on` plus the
 * implicit ones from `links`, `network_mode`/`ipc`/`pid: service:x` and `volumes_from`.
 * Cycles are an error naming the chain; an edge to a missing service is dropped when
 * `required: false`, else an error.
 */
import { ComposeError } from '../errors.ts'
import type { DependencyCondition, Project, ServiceConfig } from '../model/project.ts'

export interface DependencyEdge {
  condition: DependencyCondition
  required: boolean
  restart: boolean
  /** Where the edge came from: `depends_on`, `links`, `network_mode`, `ipc`, `pid`, `volumes_from`. */
  origin: string
}

export interface ServiceGraph {
  /** Services in a stable order (leaves first: every service after all its dependencies). */
  readonly order: readonly string[]
  /** service → its dependencies (the services it needs). */
  readonly dependencies: ReadonlyMap<string, ReadonlyMap<string, DependencyEdge>>
  /** service → the services that depend on it. */
  readonly dependents: ReadonlyMap<string, ReadonlySet<string>>
  /** Edges dropped because their target is missing and `required: false`. */
  readonly dropped: readonly { service: string; dependency: string }[]
}

/** `service:x` → `x`, else undefined. */
export function serviceRef(mode: string | undefined): string | undefined {
  return mode?.startsWith('service:') === true ? mode.slice('service:'.length) : undefined
}

/** The implicit and explicit dependencies of one service, explicit ones winning. */
export function serviceDependencies(service: ServiceConfig): Map<string, DependencyEdge> {
  const edges = new Map<string, DependencyEdge>()
  const implicit = (name: string, origin: string): void => {
    if (!edges.has(name)) edges.set(name, { condition: 'service_started', required: true, restart: true, origin })
  }
  for (const link of service.links ?? []) implicit(link.split(':')[0] ?? link, 'links')
  for (const [origin, mode] of [['network_mode', service.network_mode], ['ipc', service.ipc], ['pid', service.pid]] as const) {
    const ref = serviceRef(mode)
    if (ref !== undefined) implicit(ref, origin)
  }
  for (const from of service.volumes_from ?? []) {
    if (from.startsWith('container:')) continue
    implicit(from.split(':')[0] ?? from, 'volumes_from')
  }
  for (const [name, dep] of Object.entries(service.depends_on ?? {})) {
    edges.set(name, { condition: dep.condition, required: dep.required, restart: dep.restart ?? false, origin: 'depends_on' })
  }
  return edges
}

/** Builds and checks the graph of the project's enabled services. */
export function buildGraph(project: Project): ServiceGraph {
  const names = Object.keys(project.services).sort()
  const dependencies = new Map<string, Map<string, DependencyEdge>>()
  const dependents = new Map<string, Set<string>>()
  const dropped: { service: string; dependency: string }[] = []
  for (const name of names) dependents.set(name, new Set())
  for (const name of names) {
    const edges = serviceDependencies(project.services[name] as ServiceConfig)
    for (const [dep, edge] of [...edges]) {
      if (project.services[dep] !== undefined) continue
      edges.delete(dep)
      if (!edge.required) {
        dropped.push({ service: name, dependency: dep })
        continue
      }
      const disabled = project.disabledServices?.[dep] !== undefined
      throw new ComposeError(
        'GRAPH_MISSING_DEPENDENCY',
        disabled
          ? `service "${name}" depends on service "${dep}", which is disabled by its profiles`
          : `service "${name}" depends on undefined service "${dep}" (${edge.origin})`,
        { hint: disabled ? `enable the profile of "${dep}" with --profile, or mark the dependency required: false` : `define service "${dep}" or remove it from ${edge.origin}` },
      )
    }
    dependencies.set(name, edges)
    for (const dep of edges.keys()) dependents.get(dep)?.add(name)
  }
  return { order: topoOrder(names, dependencies), dependencies, dependents, dropped }
}

function topoOrder(names: readonly string[], deps: ReadonlyMap<string, ReadonlyMap<string, DependencyEdge>>): string[] {
  const state = new Map<string, 'visiting' | 'done'>()
  const order: string[] = []
  const visit = (name: string, chain: string[]): void => {
    const s = state.get(name)
    if (s === 'done') return
    if (s === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(name)), name]
      throw new ComposeError('GRAPH_CYCLE', `dependency cycle between services: ${cycle.join(' -> ')}`, {
        hint: 'remove one of these depends_on/links/volumes_from/service: references',
      })
    }
    state.set(name, 'visiting')
    for (const dep of [...(deps.get(name)?.keys() ?? [])].sort()) visit(dep, [...chain, name])
    state.set(name, 'done')
    order.push(name)
  }
  for (const name of names) visit(name, [])
  return order
}

/**
 * The services to act on: the selection (all when empty) plus, unless `noDeps`, everything they
 * depend on transitively. Unknown names are an error.
 */
export function selectServices(project: Project, graph: ServiceGraph, selected: readonly string[] | undefined, options: { noDeps?: boolean; withDependents?: boolean } = {}): Set<string> {
  if (selected === undefined || selected.length === 0) return new Set(graph.order)
  for (const name of selected) {
    if (project.services[name] === undefined) {
      const disabled = project.disabledServices?.[name] !== undefined
      throw new ComposeError('GRAPH_NO_SUCH_SERVICE', disabled ? `service "${name}" is disabled by its profiles` : `no such service: ${name}`, {
        hint: disabled ? `enable its profile with --profile` : `services: ${graph.order.join(', ')}`,
      })
    }
  }
  const out = new Set<string>()
  const walk = (name: string, next: (n: string) => Iterable<string>): void => {
    if (out.has(name)) return
    out.add(name)
    for (const n of next(name)) walk(n, next)
  }
  for (const name of selected) {
    if (options.noDeps === true) out.add(name)
    else walk(name, (n) => graph.dependencies.get(n)?.keys() ?? [])
  }
  if (options.withDependents === true) {
    for (const name of [...out]) {
      out.delete(name)
      walk(name, (n) => graph.dependents.get(n) ?? [])
    }
  }
  return out
}
