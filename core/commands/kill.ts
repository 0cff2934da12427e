/** `kill`: send a signal (default SIGKILL) to running containers; orphans only with --remove-orphans. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export interface KillOptions extends LifecycleOptions {
  /** `-s, --signal` */
  signal?: string
  removeOrphans?: boolean
}

export function kill(client: EngineClient, project: Project, options: KillOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  const s = options.signal === undefined ? {} : { signal: options.signal }
  return runLifecycle(client, project, options, {
    command: 'kill',
    direction: 'down',
    orphans: options.removeOrphans === true,
    steps: (c) => (c.state === 'running' || c.state === 'restarting' ? [{ op: { type: 'container:kill', service: c.service, target: target(c), ...s }, cause: 'kill' }] : []),
  }, ctx)
}
