/**
 * Makes sure each service's image is present before containers are created: pulls (policy
 * permitting) and builds what is missing. The decisions live in core/build/ensure.ts.
 */
import { ensureServiceImages, type BuildMode, type EnsureOptions, type PullOption } from '../build/ensure.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from './run-context.ts'

export type { BuildMode, PullOption } from '../build/ensure.ts'

export async function ensureImages(
  client: EngineClient,
  project: Project,
  services: Iterable<string>,
  images: Record<string, string | null>,
  pull: PullOption,
  ctx: RunContext,
  build: BuildMode = 'missing',
  extra: Omit<EnsureOptions, 'pull' | 'build'> = {},
): Promise<void> {
  await ensureServiceImages(client, project, services, images, { ...extra, pull, build }, ctx)
}
