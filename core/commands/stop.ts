/** `stop`: stop running containers, dependents first. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { isRunning, runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export interface StopOptions extends LifecycleOptions {
  /** `-t, --timeout` seconds before the engine kills. */
  timeout?: number
}

export function stop(client: EngineClient, project: Project, options: StopOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  const t = options.timeout === undefined ? {} : { timeout: options.timeout }
  return runLifecycle(client, project, options, {
    command: 'stop',
    direction: 'down',
    steps: (c) => (isRunning(c) ? [{ op: { type: 'container:stop', service: c.service, target: target(c), ...t }, cause: 'stop' }] : []),
  }, ctx)
}
