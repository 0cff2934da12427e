/** `start`: start the existing containers that are not running, dependencies first. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export type StartOptions = LifecycleOptions

export function start(client: EngineClient, project: Project, options: StartOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  return runLifecycle(client, project, options, {
    command: 'start',
    direction: 'up',
    steps: (c) =>
      c.state === 'running' || c.state === 'restarting'
        ? []
        : [c.state === 'paused' ? { op: { type: 'container:unpause', service: c.service, target: target(c) }, cause: 'paused' } : { op: { type: 'container:start', service: c.service, target: target(c) }, cause: `not running (${c.state})` }],
  }, ctx)
}
