/**
 * The plan: a DAG of single Engine calls, each with the cause that made the reconciler ask for
 * it. Built by ./reconcile.ts (pure) and by the lifecycle planners, edited by plugins in
 * `plan:create`, walked by ./execute.ts. `toString()` is the `--dry-run` output and the form
 * reconciler tests snapshot.
 */
import type { MountPoint } from '../engine/types.ts'
import type { DependencyCondition } from '../model/project.ts'

/** A container the operation acts on: one that exists, or one a create node of this plan makes. */
export type ContainerTarget = { id: string; name: string } | { node: number; name: string }

/** What a `service:wait` node waits for; `running_or_healthy` is `--wait` for services with no condition. */
export type ReadyCondition = DependencyCondition | 'running_or_healthy'

export type Operation =
  | { type: 'network:create'; key: string; name: string }
  | { type: 'network:remove'; name: string; /** by ID when names are ambiguous */ id?: string }
  /** Detaches a container from a network about to be recreated (the container keeps running). */
  | { type: 'network:disconnect'; service: string; target: ContainerTarget; network: string }
  /** Attaches a container to a (recreated) project network with its service's endpoint settings. */
  | { type: 'network:connect'; service: string; target: ContainerTarget; network: string; key: string; number: number }
  | { type: 'volume:create'; key: string; name: string }
  | { type: 'volume:remove'; name: string; force?: boolean }
  | {
      type: 'container:create'
      service: string
      number: number
      /** Final name. */
      name: string
      /** Name used at create (a temporary one while the old container still exists). */
      createName: string
      /** Containers that `service:x` references resolve to, by service. */
      refs: Record<string, ContainerTarget>
      /** Mounts of the replaced container, whose anonymous volumes are inherited. */
      inherit?: MountPoint[]
      /** Name of the replaced container. */
      replaces?: string
    }
  | { type: 'container:start'; service: string; target: ContainerTarget }
  | { type: 'container:stop'; service: string; target: ContainerTarget; timeout?: number }
  | { type: 'container:remove'; service: string; target: ContainerTarget; volumes?: boolean; force?: boolean }
  | { type: 'container:rename'; service: string; target: ContainerTarget; name: string }
  | { type: 'container:kill'; service: string; target: ContainerTarget; signal?: string }
  | { type: 'container:pause'; service: string; target: ContainerTarget }
  | { type: 'container:unpause'; service: string; target: ContainerTarget }
  | { type: 'container:restart'; service: string; target: ContainerTarget; timeout?: number }
  | { type: 'service:wait'; service: string; condition: ReadyCondition; required: boolean; containers: ContainerTarget[]; dependent?: string }
  /** The service's `pre_start` hooks, before its containers start (none of them running); `target` lends its volumes. */
  | { type: 'service:pre-start'; service: string; target: ContainerTarget; refs: Record<string, ContainerTarget> }
  | { type: 'image:remove'; name: string }

export type OperationType = Operation['type']

export interface PlanNode {
  readonly id: number
  readonly op: Operation
  /** Why the reconciler asked for it, e.g. `config hash changed`. */
  readonly cause: string
  /** Nodes that must succeed first. */
  deps: number[]
}

export class Plan {
  readonly nodes: PlanNode[] = []

  add(op: Operation, cause: string, deps: readonly (number | undefined)[] = []): number {
    const id = this.nodes.length + 1
    this.nodes.push({ id, op, cause, deps: [...new Set(deps.filter((d): d is number => d !== undefined))].sort((a, b) => a - b) })
    return id
  }

  node(id: number): PlanNode | undefined {
    return this.nodes[id - 1]
  }

  get empty(): boolean {
    return this.nodes.length === 0
  }

  /** One line per node: `[deps] -> #id resource, type, cause`. */
  toString(): string {
    return this.nodes.map((n) => `[${n.deps.join(',')}] -> #${n.id} ${resourceOf(n.op)}, ${n.op.type}, ${n.cause}\n`).join('')
  }
}

/** The service an operation concerns, if any (for errors and progress). */
export function serviceOf(op: Operation): string | undefined {
  return 'service' in op ? op.service : undefined
}

/** `network:demo_default`, `container:demo-web-1`, `service:db`, ... */
export function resourceOf(op: Operation): string {
  switch (op.type) {
    case 'network:create':
    case 'network:remove':
      return `network:${op.name}`
    case 'volume:create':
    case 'volume:remove':
      return `volume:${op.name}`
    case 'image:remove':
      return `image:${op.name}`
    case 'container:create':
      return `container:${op.createName}`
    case 'service:wait':
    case 'service:pre-start':
      return `service:${op.service}`
    default:
      return `container:${op.target.name}`
  }
}
