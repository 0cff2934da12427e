/**
 * Watching that attached `up` can start and stop while it runs: at the start with `--watch`, and
 * from the navigation menu's `w`. The watch events print through the io given at each start.
 */
import type { CliIo } from '../io.ts'
import type { ProjectRun } from './_project-command.ts'
import { printWatch } from './watch.ts'

export interface WatchControl {
  readonly watching: boolean
  start(io: CliIo): void
  stop(): void
  /** Resolves once the current watch has ended (after `stop`). */
  settled(): Promise<void>
}

/** A control for the services' `develop.watch` rules; undefined when none of them has watch rules. */
export function watchControl(run: ProjectRun, services: readonly string[], signal: AbortSignal): WatchControl | undefined {
  const all = run.project.project.services
  const names = services.length > 0 ? services : Object.keys(all)
  if (!names.some((s) => (all[s]?.develop?.watch?.length ?? 0) > 0)) return undefined
  let current: { controller: AbortController; done: Promise<void> } | undefined
  const stop = (): void => current?.controller.abort()
  signal.addEventListener('abort', stop, { once: true })
  return {
    get watching() {
      return current !== undefined && !current.controller.signal.aborted
    },
    start(io) {
      if (this.watching) return
      const controller = new AbortController()
      const done = printWatch(io, run.project.watch({ ...(services.length > 0 ? { services: [...services] } : {}), signal: controller.signal }), false).catch((error: unknown) => {
        if (!controller.signal.aborted) throw error
      })
      current = { controller, done }
    },
    stop,
    async settled() {
      await current?.done
    },
  }
}
