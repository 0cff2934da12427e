/** `restart`: restart the service containers (stopped ones are started too), dependencies first. */
import type { EngineClient } from '../engine/client.ts'
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
  return runLifecycle(client, project, options, {
    command: 'restart',
    direction: 'up',
    steps: (c) => [{ op: { type: 'container:restart', service: c.service, target: target(c), ...t }, cause: 'restart' }],
  }, ctx)
}
