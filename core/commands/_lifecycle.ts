/** Shared by start/stop/restart/kill/pause/unpause/rm: observe containers, plan per container over the graph, execute. */
import type { EngineClient } from '../engine/client.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import { execute, throwIfFailed, type ExecuteResult } from '../converge/execute.ts'
import { planContainers, type ContainerSteps, type Direction, type PlanContainersOptions } from '../converge/lifecycle-plan.ts'
import { findOrphans } from '../converge/reconcile.ts'
import { observeContainers, type ObservedContainer } from '../converge/observe.ts'
import type { Plan } from '../converge/plan.ts'
import { callHook, type RunContext } from '../converge/run-context.ts'

/** Options every lifecycle command takes. */
export interface LifecycleOptions {
  /** Services to act on (default all). */
  services?: string[]
  /** `--dry-run`: return the plan, touch nothing. */
  dryRun?: boolean
}

export interface LifecycleResult {
  plan: Plan
  execution?: ExecuteResult
}

export interface LifecycleSpec {
  command: string
  direction: Direction
  steps: ContainerSteps
  /** Include orphan containers (services no longer in the project). */
  orphans?: boolean
  /** Include every one-off container, running ones too (`down --remove-orphans`). */
  oneOffs?: boolean
  /** Selected services also take their dependents along (stop/rm of a dependency). */
  withDependents?: boolean
  /** Steps wait for the dependencies' `depends_on` conditions (`start`). */
  conditions?: boolean
  /** A step before a service's containers' steps (planContainers' `before`). */
  before?: PlanContainersOptions['before']
}

export async function selectContainers(client: EngineClient, project: Project, options: LifecycleOptions, spec: Pick<LifecycleSpec, 'orphans' | 'oneOffs' | 'withDependents'>, ctx: RunContext): Promise<ObservedContainer[]> {
  const graph = buildGraph(project)
  const all = await observeContainers(client, project.name, ctx.signal)
  const orphans = new Set(findOrphans(project, all).map((c) => c.id))
  const wanted = options.services === undefined || options.services.length === 0 ? undefined : selectServices(project, graph, options.services, { noDeps: true, withDependents: spec.withDependents === true })
  return all.filter((c) => {
    if (orphans.has(c.id)) return spec.orphans === true && wanted === undefined
    if (c.oneoff) return spec.oneOffs === true && wanted === undefined
    return wanted === undefined || wanted.has(c.service)
  })
}

export async function runLifecycle(client: EngineClient, project: Project, options: LifecycleOptions, spec: LifecycleSpec, ctx: RunContext): Promise<LifecycleResult> {
  const graph = buildGraph(project)
  const containers = await selectContainers(client, project, options, spec, ctx)
  const { plan } = planContainers(graph, containers, spec.direction, spec.steps, undefined, { conditions: spec.conditions === true, ...(spec.before === undefined ? {} : { before: spec.before }) })
  const draft = { project, command: spec.command, plan }
  await callHook(ctx, 'plan:create', draft)
  if (options.dryRun === true) return { plan: draft.plan }
  const execution = await execute(client, project, draft.plan, ctx)
  throwIfFailed(execution)
  return { plan: draft.plan, execution }
}

export const isRunning = (c: ObservedContainer): boolean => c.state === 'running' || c.state === 'restarting' || c.state === 'paused'
export const target = (c: ObservedContainer): { id: string; name: string } => ({ id: c.id, name: c.name })
