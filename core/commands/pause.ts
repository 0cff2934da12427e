/** `pause`: pause running containers. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export type PauseOptions = LifecycleOptions

export function pause(client: EngineClient, project: Project, options: PauseOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  return runLifecycle(client, project, options, {
    command: 'pause',
    direction: 'down',
    steps: (c) => (c.state === 'running' ? [{ op: { type: 'container:pause', service: c.service, target: target(c) }, cause: 'pause' }] : []),
  }, ctx)
}
