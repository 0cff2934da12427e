/** `rm`: remove stopped service containers; with `stop` (-s) stop running ones first. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { Operation } from '../converge/plan.ts'
import type { RunContext } from '../converge/run-context.ts'
import { isRunning, runLifecycle, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export interface RmOptions extends LifecycleOptions {
  /** `-s, --stop`: stop running containers first (otherwise they are left alone). */
  stop?: boolean
  /** `-v, --volumes`: remove anonymous volumes too. */
  volumes?: boolean
  /** `-f, --force`: no confirmation (the core never asks; accepted for parity). */
  force?: boolean
  timeout?: number
}

export function rm(client: EngineClient, project: Project, options: RmOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  return runLifecycle(client, project, options, {
    command: 'rm',
    direction: 'down',
    steps: (c) => {
      const remove = { op: { type: 'container:remove', service: c.service, target: target(c), ...(options.volumes === true ? { volumes: true } : {}) } as Operation, cause: 'rm' }
      if (!isRunning(c)) return [remove]
      if (options.stop !== true) return []
      return [{ op: { type: 'container:stop', service: c.service, target: target(c), ...(options.timeout === undefined ? {} : { timeout: options.timeout }) }, cause: 'rm --stop' }, remove]
    },
  }, ctx)
}
