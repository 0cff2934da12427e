/**
 * `stats`: resource usage of the project's containers (running ones, or all with `all`).
 * `statsOnce` takes one sample each (`--no-stream`); `statsStream` yields a snapshot of every
 * container about once a second until the signal aborts.
 */
import { containerStats, containerStatsStream } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import { observeContainers, type ObservedContainer } from '../converge/observe.ts'
import type { RunContext } from '../converge/run-context.ts'
import { toStatsRow, type StatsRow } from './stats-format.ts'

export interface StatsOptions {
  /** One service (default: all). */
  service?: string
  /** `-a`: stopped containers too. */
  all?: boolean
}

async function targets(client: EngineClient, project: Project, options: StatsOptions, ctx: RunContext): Promise<ObservedContainer[]> {
  const all = await observeContainers(client, project.name, ctx.signal)
  return all.filter((c) => (options.service === undefined || c.service === options.service) && (options.all === true || c.state === 'running'))
}

export async function statsOnce(client: EngineClient, project: Project, options: StatsOptions = {}, ctx: RunContext = {}): Promise<StatsRow[]> {
  const list = await targets(client, project, options, ctx)
  return Promise.all(list.map(async (c) => toStatsRow(c.id, c.name, await containerStats(client, c.id, ctx.signal ? { signal: ctx.signal } : {}))))
}

export async function* statsStream(client: EngineClient, project: Project, options: StatsOptions = {}, ctx: RunContext = {}): AsyncGenerator<StatsRow[]> {
  const list = await targets(client, project, options, ctx)
  const latest = new Map<string, StatsRow>()
  let wake: (() => void) | undefined
  let pending = 0
  const follow = async (c: ObservedContainer): Promise<void> => {
    try {
      for await (const sample of await containerStatsStream(client, c.id, ctx.signal ? { signal: ctx.signal } : {})) {
        latest.set(c.id, toStatsRow(c.id, c.name, sample))
        wake?.()
      }
    } catch {
      // a container that went away stops reporting
    } finally {
      pending--
      wake?.()
    }
  }
  pending = list.length
  for (const c of list) void follow(c)
  while (pending > 0 && ctx.signal?.aborted !== true) {
    await new Promise<void>((resolve) => {
      wake = resolve
      setTimeout(resolve, 1000)
    })
    wake = undefined
    yield list.map((c) => latest.get(c.id)).filter((r): r is StatsRow => r !== undefined)
  }
}
