/** `commit`: an image from a service container's changes (docker/compose pkg/compose/commit.go). */
import { commitContainer } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { serviceContainer } from './_target.ts'

export interface CommitOptions {
  service: string
  /** `REPOSITORY[:TAG]` */
  reference?: string
  index?: number
  /** `-a, --author` */
  author?: string
  /** `-m, --message` */
  message?: string
  /** `-c, --change` Dockerfile instructions. */
  changes?: string[]
  /** `-p, --pause` (default true). */
  pause?: boolean
}

/** Resolves with the new image's ID. */
export async function commit(client: EngineClient, project: Project, options: CommitOptions, ctx: RunContext = {}): Promise<string> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const target = await serviceContainer(client, project.name, options.service, { stopped: true, ...(options.index === undefined ? {} : { index: options.index }), ...sig })
  return commitContainer(client, target.id, {
    ...sig,
    ...(options.reference === undefined ? {} : { ref: options.reference }),
    ...(options.author === undefined ? {} : { author: options.author }),
    ...(options.message === undefined ? {} : { comment: options.message }),
    ...(options.changes === undefined || options.changes.length === 0 ? {} : { changes: options.changes }),
    pause: options.pause !== false,
  })
}
