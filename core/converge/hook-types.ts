/** What the convergence and lifecycle plugin hooks receive (see core/hooks.ts). */
import type { EngineClient } from '../engine/client.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import type { CreateSpec } from './create-spec.ts'
import type { Plan, ReadyCondition } from './plan.ts'

/** `plan:prepare`: the desired state before reconcile; handlers edit `replicas`. */
export interface DesiredState {
  readonly project: Project
  /** Services being converged. */
  readonly services: readonly string[]
  /** Desired containers per service; the core starts at 1 each. */
  replicas: Record<string, number>
  /** `--scale service=n` from the command line. */
  readonly scale: Readonly<Record<string, number>>
}

/** `plan:create`: the plan reconcile produced, before it runs (or is printed by --dry-run). */
export interface PlanDraft {
  readonly project: Project
  readonly command: string
  plan: Plan
}

/** `container:create`: the full create call, mutable. */
export interface ContainerCreateDraft {
  readonly project: Project
  readonly service: ServiceConfig
  readonly number: number
  spec: CreateSpec
}

/** Notifications about one container. */
export interface ContainerRef {
  readonly project: string
  readonly service: string
  readonly id: string
  readonly name: string
}

/** `service:ready`: wait until `service` meets `condition`; return `true` when handled, throw on failure. */
export interface ReadyRequest {
  readonly client: EngineClient
  readonly project: Project
  readonly service: string
  readonly condition: ReadyCondition
  /** IDs of the service's containers. */
  readonly containers: readonly string[]
  /** The service waiting (absent for `--wait`). */
  readonly dependent?: string
}

/** `project:up` / `project:down`: the command finished. */
export interface ProjectDone {
  readonly project: string
  readonly command: string
  readonly plan: Plan
}

/**
 * `container:start` / `container:stop`: one container around a start or stop that compose
 * initiates, with what a handler needs to act inside it (the service lifecycle hooks).
 */
export interface ContainerLifecycle {
  readonly client: EngineClient
  readonly project: Project
  /** The service's configuration; absent for orphan containers. */
  readonly service?: ServiceConfig
  readonly serviceName: string
  readonly id: string
  readonly name: string
  /** What initiated it: `up`, `start`, `restart`, `stop`, `down`, `run`, `watch`, … */
  readonly cause: string
}
