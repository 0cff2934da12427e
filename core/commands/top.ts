/**
 * `top`: the processes of the project's running containers, one `ps` table per container
 * (docker/compose pkg/compose/top.go), fetched in parallel.
 */
import { topContainer } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { RunContext } from '../converge/run-context.ts'
import { CONTAINER_NUMBER_LABEL } from '../converge/labels.ts'
import { canonicalName, checkServices, listProjectContainers, projectNameOf, serviceOfContainer, type ProjectRef } from './_read.ts'

export interface TopOptions {
  /** Services to show (default all). */
  services?: string[]
  /** Arguments for `ps` inside the engine (default `-ef`). */
  psArgs?: string
}

export interface ContainerProcesses {
  ID: string
  Name: string
  Service: string
  /** Replica number as written in the label; empty for one-off containers. */
  Replica: string
  Titles: string[]
  Processes: string[][]
}

export async function top(client: EngineClient, ref: ProjectRef, options: TopOptions = {}, ctx: RunContext = {}): Promise<ContainerProcesses[]> {
  const services = options.services ?? []
  checkServices(ref, services)
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const list = await listProjectContainers(client, projectNameOf(ref), { oneOff: 'include', all: false, services, ...sig })
  const result = await Promise.all(
    list.map(async (c) => {
      const t = await topContainer(client, c.Id, { ...sig, ...(options.psArgs === undefined ? {} : { psArgs: options.psArgs }) })
      const name = canonicalName(c)
      return { ID: c.Id, Name: name, Service: serviceOfContainer(c) || name, Replica: c.Labels?.[CONTAINER_NUMBER_LABEL] ?? '', Titles: t.Titles ?? [], Processes: t.Processes ?? [] }
    }),
  )
  return result.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
}
