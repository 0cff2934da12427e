/**
 * What a read command (ps, logs, top, port, images, events) works on: the loaded project, or —
 * when there is no compose file but a project name (`-p`, COMPOSE_PROJECT_NAME) — only that
 * name, the containers then being found by labels alone (compose-features.md 4.17).
 */
import type { ProjectRef } from '../../../core/commands/_read.ts'
import type { EngineClient } from '../../../core/engine/client.ts'
import { isComposeError } from '../../../core/errors.ts'
import type { ComposeProject } from '../../lib/project.ts'
import type { GlobalOptions } from '../define.ts'
import { createEngineClient } from '../engine.ts'
import type { CliIo } from '../io.ts'
import { openProject } from '../project.ts'
import { createProgress, progressMode } from '../render/progress.ts'

export interface ReadTarget {
  client: EngineClient
  ref: ProjectRef
  name: string
  /** The loaded project, when there is a compose file. */
  project: ComposeProject | undefined
  close(): Promise<void>
}

export async function openReadTarget(io: CliIo, global: GlobalOptions, options: { services?: string[]; signal?: AbortSignal } = {}): Promise<ReadTarget> {
  const progress = createProgress(io, progressMode(global, io) === 'json' ? 'json' : 'quiet')
  try {
    const project = await openProject(io, global, { ...options, emit: progress.emit })
    return { client: project.client, ref: project.project, name: project.name, project, close: () => project.close() }
  } catch (error) {
    const name = global.projectName ?? io.env.COMPOSE_PROJECT_NAME
    if (name === undefined || name === '' || !isComposeError(error, 'LOAD_NO_FILE')) throw error
    const client = createEngineClient(io)
    return { client, ref: name.toLowerCase(), name: name.toLowerCase(), project: undefined, close: () => client.close() }
  } finally {
    progress.done()
  }
}
