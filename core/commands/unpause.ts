/** `unpause`: resume paused containers. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export type UnpauseOptions = LifecycleOptions

export function unpause(client: EngineClient, project: Project, options: UnpauseOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  return runLifecycle(client, project, options, {
    command: 'unpause',
    direction: 'up',
    steps: (c) => (c.state === 'paused' ? [{ op: { type: 'container:unpause', service: c.service, target: target(c) }, cause: 'unpause' }] : []),
  }, ctx)
}
