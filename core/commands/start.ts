/**
 * `start`: start the existing containers that are not running, dependencies first, each after
 * its dependencies' `depends_on` conditions hold; `--wait` waits until they are running/healthy.
 */
import type { EngineClient } from '../engine/client.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { isRunning, runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'
import { waitForServices } from './_wait.ts'

export interface StartOptions extends LifecycleOptions {
  /** `--wait`: wait for the services to be running/healthy (through the `service:ready` hook). */
  wait?: boolean
  /** `--wait-timeout` seconds. */
  waitTimeout?: number
}

export async function start(client: EngineClient, project: Project, options: StartOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  const result = await runLifecycle(client, project, options, {
    command: 'start',
    direction: 'up',
    conditions: true,
    steps: (c) =>
      c.state === 'running' || c.state === 'restarting'
        ? []
        : [c.state === 'paused' ? { op: { type: 'container:unpause', service: c.service, target: target(c) }, cause: 'paused' } : { op: { type: 'container:start', service: c.service, target: target(c) }, cause: `not running (${c.state})` }],
    // the pre_start hooks, when none of the service's containers runs (as `up` does)
    before: (service, containers) => {
      const config = project.services[service]
      if ((config?.pre_start?.length ?? 0) === 0 || containers.some(isRunning)) return undefined
      const first = [...containers].filter((c) => !c.oneoff).sort((a, b) => a.number - b.number)[0]
      if (first === undefined) return undefined
      return { op: { type: 'service:pre-start', service, target: target(first), refs: {} }, cause: 'pre_start hooks' }
    },
  }, ctx)
  if (options.wait === true && options.dryRun !== true) {
    const graph = buildGraph(project)
    const services = selectServices(project, graph, options.services, { noDeps: true })
    await waitForServices(client, project, graph, [...services], options.waitTimeout, ctx)
  }
  return result
}
