/** `create`: `up --no-start`. */
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { up, type UpOptions, type UpResult } from './up.ts'

export type CreateOptions = Omit<UpOptions, 'noStart' | 'wait' | 'waitTimeout' | 'removeOrphans'> & { removeOrphans?: boolean }

export function create(client: EngineClient, project: Project, options: CreateOptions = {}, ctx: RunContext = {}): Promise<UpResult> {
  return up(client, project, { ...options, noStart: true }, ctx)
}
