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

export function planContainers(graph: ServiceGraph | undefined, containers: readonly ObservedContainer[], direction: Direction, steps: ContainerSteps, plan: Plan = new Plan()): { plan: Plan; last: number[] } {
  const lastOf = new Map<string, number[]>()
  const all: number[] = []
  const byService = new Map<string, ObservedContainer[]>()
  for (const c of containers) byService.set(c.service, [...(byService.get(c.service) ?? []), c])
  const known = graph?.order ?? []
  const order = [...known.filter((s) => byService.has(s)), ...[...byService.keys()].filter((s) => !known.includes(s)).sort()]
  const walk = direction === 'up' ? order : [...order].reverse()
  for (const service of walk) {
    const before = direction === 'up' ? [...(graph?.dependencies.get(service)?.keys() ?? [])] : [...(graph?.dependents.get(service) ?? [])]
    const deps = before.flatMap((s) => lastOf.get(s) ?? [])
    const mine: number[] = []
    for (const c of byService.get(service) ?? []) {
      let prev: number | undefined
      for (const step of steps(c)) prev = plan.add(step.op, step.cause, prev === undefined ? deps : [prev])
      if (prev !== undefined) mine.push(prev)
    }
    lastOf.set(service, mine)
    all.push(...mine)
  }
  return { plan, last: all }
}
