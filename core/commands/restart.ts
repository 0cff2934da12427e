/**
 * `restart`: restart the service containers (stopped ones are started too), dependencies first.
 * Dependents that declare `depends_on: { <svc>: { restart: true } }` on a restarted service are
 * restarted after it, unless `--no-deps`.
 */
import type { EngineClient } from '../engine/client.ts'
import { buildGraph, type ServiceGraph } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export interface RestartOptions extends LifecycleOptions {
  /** `-t, --timeout` seconds. */
  timeout?: number
  /** `--no-deps`: do not restart dependents declared with `restart: true`. */
  noDeps?: boolean
}

export function restart(client: EngineClient, project: Project, options: RestartOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  const t = options.timeout === undefined ? {} : { timeout: options.timeout }
  const selected = options.services
  const services = selected === undefined || selected.length === 0 || options.noDeps === true ? selected : withRestartDependents(buildGraph(project), selected)
  return runLifecycle(client, project, { ...options, ...(services === undefined ? {} : { services }) }, {
    command: 'restart',
    direction: 'up',
    steps: (c) => [{ op: { type: 'container:restart', service: c.service, target: target(c), ...t }, cause: 'restart' }],
  }, ctx)
}

/** The selected services plus, transitively, the dependents that asked to be restarted with them. */
export function withRestartDependents(graph: ServiceGraph, selected: readonly string[]): string[] {
  const out = new Set(selected)
  const queue = [...selected]
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const dependent of graph.dependents.get(name) ?? []) {
      if (out.has(dependent) || graph.dependencies.get(dependent)?.get(name)?.restart !== true) continue
      out.add(dependent)
      queue.push(dependent)
    }
  }
  return [...out]
}
