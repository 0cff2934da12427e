/**
 * Plans for the lifecycle commands (start, stop, restart, kill, pause, unpause, rm, down): a
 * chain of operations per observed container, ordered over the service graph — dependencies
 * first going up, dependents first going down. Pure, like reconcile.
 */
import type { ServiceGraph } from '../graph/graph.ts'
import type { ObservedContainer } from './observe.ts'
import { Plan, type Operation } from './plan.ts'

export type Direction = 'up' | 'down'

/** Operations (and their cause) for one container; an empty list leaves it alone. */
export type ContainerSteps = (c: ObservedContainer) => { op: Operation; cause: string }[]

export interface PlanContainersOptions {
  /**
   * Going up, a service's steps wait for its dependencies' `depends_on` conditions
   * (`service_healthy`, `service_completed_successfully`) through `service:wait` nodes, as
   * `start` does in docker compose; `service_started` only orders.
   */
  conditions?: boolean
  /**
   * A step that runs once for a service that acts, after its dependencies and before its
   * containers' steps (`start`: the `pre_start` hooks).
   */
  before?: (service: string, containers: readonly ObservedContainer[]) => { op: Operation; cause: string } | undefined
}

export function planContainers(
  graph: ServiceGraph | undefined,
  containers: readonly ObservedContainer[],
  direction: Direction,
  steps: ContainerSteps,
  plan: Plan = new Plan(),
  options: PlanContainersOptions = {},
): { plan: Plan; last: number[] } {
  const lastOf = new Map<string, number[]>()
  const all: number[] = []
  const byService = new Map<string, ObservedContainer[]>()
  for (const c of containers) byService.set(c.service, [...(byService.get(c.service) ?? []), c])
  const known = graph?.order ?? []
  const order = [...known.filter((s) => byService.has(s)), ...[...byService.keys()].filter((s) => !known.includes(s)).sort()]
  const walk = direction === 'up' ? order : [...order].reverse()
  for (const service of walk) {
    const chains = (byService.get(service) ?? []).map((c) => steps(c))
    const acts = chains.some((chain) => chain.length > 0)
    const before = direction === 'up' ? [...(graph?.dependencies.get(service)?.keys() ?? [])] : [...(graph?.dependents.get(service) ?? [])]
    const deps = before.flatMap((dep) => {
      const edge = graph?.dependencies.get(service)?.get(dep)
      const ready = lastOf.get(dep) ?? []
      const targets = byService.get(dep) ?? []
      if (!acts || direction !== 'up' || options.conditions !== true || edge === undefined || edge.condition === 'service_started' || targets.length === 0) return ready
      const wait = { type: 'service:wait', service: dep, condition: edge.condition, required: edge.required, containers: targets.map((c) => ({ id: c.id, name: c.name })), dependent: service } as const
      return [plan.add(wait, `${service} depends on ${dep} (${edge.condition})`, ready)]
    })
    const first = acts ? options.before?.(service, byService.get(service) ?? []) : undefined
    const start = first === undefined ? deps : [plan.add(first.op, first.cause, deps)]
    const mine: number[] = []
    for (const chain of chains) {
      let prev: number | undefined
      for (const step of chain) prev = plan.add(step.op, step.cause, prev === undefined ? start : [prev])
      if (prev !== undefined) mine.push(prev)
    }
    lastOf.set(service, mine)
    all.push(...mine)
  }
  return { plan, last: all }
}
