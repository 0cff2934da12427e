/** `export`: a service container's file system as a tar stream (docker/compose pkg/compose/export.go). */
import { exportContainer } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { serviceContainer } from './_target.ts'

export interface ExportOptions {
  service: string
  index?: number
}

export async function exportService(client: EngineClient, project: Project, options: ExportOptions, ctx: RunContext = {}): Promise<AsyncIterable<Uint8Array>> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const target = await serviceContainer(client, project.name, options.service, { stopped: true, ...(options.index === undefined ? {} : { index: options.index }), ...sig })
  return exportContainer(client, target.id, sig)
}
