/**
 * `wait`: block until the running containers of the services (default all) have stopped;
 * the result is the exit code of the last one (docker/compose pkg/compose/wait.go). The
 * caller takes the project down afterwards for `--down-project`.
 */
import { waitContainer } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError } from '../errors.ts'
import { observeContainers } from '../converge/observe.ts'
import type { RunContext } from '../converge/run-context.ts'

export interface WaitOptions {
  services?: string[]
}

export interface ContainerExit {
  id: string
  name: string
  service: string
  exitCode: number
}

export async function waitServices(client: EngineClient, project: string, options: WaitOptions = {}, ctx: RunContext = {}, onExit?: (exit: ContainerExit) => void): Promise<number> {
  const wanted = options.services !== undefined && options.services.length > 0 ? new Set(options.services) : undefined
  const containers = (await observeContainers(client, project, ctx.signal)).filter((c) => c.state === 'running' && (wanted === undefined || wanted.has(c.service)))
  if (containers.length === 0) {
    throw new ComposeError('CONVERGE_NO_CONTAINERS', `no containers for project "${project}"${wanted === undefined ? '' : ` and services ${[...wanted].join(', ')}`}`, { hint: 'start them first (`compose up -d`)' })
  }
  let exitCode = 0
  await Promise.all(
    containers.map(async (c) => {
      const res = await waitContainer(client, c.id, ctx.signal === undefined ? {} : { signal: ctx.signal })
      exitCode = res.StatusCode
      onExit?.({ id: c.id, name: c.name, service: c.service, exitCode: res.StatusCode })
    }),
  )
  return exitCode
}
