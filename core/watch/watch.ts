/**
 * `watch` / `up --watch` (compose-features.md 2.5): watches the `develop.watch` paths of the
 * selected services and, per debounced batch, syncs changed files into the running containers
 * (`sync`), then restarts them (`sync+restart`, `restart`) or runs a command in them
 * (`sync+exec`); `rebuild` calls the injected `rebuild(service)` and recreates the service.
 * `initial_sync` copies the whole path once at start. Yields what happened, as events, until the
 * context's signal aborts; failures are events too and watching goes on.
 */
import { readFile } from 'node:fs/promises'
import { parseIgnoreFile } from '../build/ignore.ts'
import { execRun } from '../engine/api/exec.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError } from '../errors.ts'
import type { Project, ServiceConfig, WatchAction } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { serviceContainers } from '../commands/_target.ts'
import { restart } from '../commands/restart.ts'
import { up } from '../commands/up.ts'
import { createBatcher, type Timers } from './debounce.ts'
import { watchTree, type FileWatcher } from './fs-watcher.ts'
import { compileRules, planBatch, type WatchRule } from './rules.ts'
import { syncPaths } from './sync.ts'

export type WatchEvent =
  | { type: 'watching'; service: string; action: WatchAction; path: string; target?: string }
  | { type: 'synced'; service: string; container: string; copied: string[]; deleted: string[]; initial: boolean }
  | { type: 'restarted'; service: string }
  | { type: 'executed'; service: string; container: string; exitCode: number; output: string }
  | { type: 'rebuilt'; service: string }
  | { type: 'failed'; service: string; message: string; error: unknown }

export interface WatchOptions {
  /** Services to watch (default: every service with `develop.watch`). */
  services?: string[]
  /** Builds a service's image (the build engineer's function); `rebuild` rules need it. */
  rebuild?: (service: string) => Promise<void>
  /** Quiet period before a batch goes out, in ms (default 300). */
  quietMs?: number
  /** File watching (default: ./fs-watcher.ts). */
  watch?: (root: string, onChange: (path: string) => void) => Promise<FileWatcher>
  timers?: Timers
}

async function dockerignore(service: ServiceConfig): Promise<string[] | undefined> {
  const context = service.build?.context
  if (context === undefined) return undefined
  const text = await readFile(`${context.replace(/\/+$/, '')}/.dockerignore`, 'utf8').catch(() => undefined)
  return text === undefined ? undefined : parseIgnoreFile(text)
}

/** The compiled rules of the selected services; WATCH_INVALID when no service has a rule. */
export async function projectRules(project: Project, services: readonly string[] | undefined): Promise<WatchRule[]> {
  const names = services === undefined || services.length === 0 ? Object.keys(project.services) : services
  const rules: WatchRule[] = []
  for (const name of names) {
    const service = project.services[name]
    if (service === undefined) throw new ComposeError('GRAPH_NO_SUCH_SERVICE', `no such service: ${name}`)
    const ignore = await dockerignore(service)
    rules.push(...compileRules({ service, workingDir: project.workingDir ?? '.', ...(ignore === undefined ? {} : { dockerignore: ignore }) }))
  }
  if (rules.length === 0) {
    throw new ComposeError('WATCH_INVALID', "none of the selected services is configured for watch, consider setting a 'develop' section")
  }
  return rules
}

export async function* watchProject(client: EngineClient, project: Project, options: WatchOptions = {}, ctx: RunContext = {}): AsyncGenerator<WatchEvent> {
  const rules = await projectRules(project, options.services)
  const queue: WatchEvent[] = []
  let wake: (() => void) | undefined
  const push = (event: WatchEvent): void => {
    queue.push(event)
    wake?.()
  }
  const fail = (service: string, error: unknown): void => push({ type: 'failed', service, message: error instanceof Error ? error.message : String(error), error })
  const running = async (service: string): Promise<string[]> => (await serviceContainers(client, project.name, service, ctx.signal ? { signal: ctx.signal } : {})).map((c) => c.id)

  const sync = async (rule: WatchRule, paths: readonly string[], initial: boolean): Promise<void> => {
    for (const id of await running(rule.service)) {
      const result = await syncPaths(client, id, rule, paths, ctx.signal)
      if (result.copied.length > 0 || result.deleted.length > 0) push({ type: 'synced', service: rule.service, container: id, ...result, initial })
    }
  }
  const handle = async (paths: string[]): Promise<void> => {
    const batch = planBatch(rules, paths)
    const after = new Map<string, WatchRule>()
    for (const [rule, changed] of batch) {
      try {
        if (rule.action === 'rebuild') {
          if (options.rebuild === undefined) throw new ComposeError('WATCH_INVALID', `service "${rule.service}" needs a rebuild, and no builder is available here`)
          await options.rebuild(rule.service)
          await up(client, project, { services: [rule.service], noDeps: true }, ctx)
          push({ type: 'rebuilt', service: rule.service })
          continue
        }
        if (rule.action !== 'restart') await sync(rule, changed, false)
        if (rule.action !== 'sync') after.set(rule.service, rule)
      } catch (error) {
        fail(rule.service, error)
      }
    }
    for (const [service, rule] of after) {
      try {
        if (rule.action === 'sync+exec') await execAll(rule)
        else {
          await restart(client, project, { services: [service] }, ctx)
          push({ type: 'restarted', service })
        }
      } catch (error) {
        fail(service, error)
      }
    }
  }
  const execAll = async (rule: WatchRule): Promise<void> => {
    const hook = rule.exec
    const env = Object.entries(hook?.environment ?? {}).filter((e): e is [string, string] => e[1] !== null).map(([k, v]) => `${k}=${v}`)
    for (const id of await running(rule.service)) {
      const result = await execRun(client, id, hook?.command ?? [], {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(env.length > 0 ? { env } : {}),
        ...(hook?.user === undefined ? {} : { user: hook.user }),
        ...(hook?.working_dir === undefined ? {} : { workingDir: hook.working_dir }),
        ...(hook?.privileged === undefined ? {} : { privileged: hook.privileged }),
      })
      push({ type: 'executed', service: rule.service, container: id, exitCode: result.exitCode, output: result.stdout + result.stderr })
    }
  }

  const batcher = createBatcher(handle, { quietMs: options.quietMs ?? 300, ...(options.timers === undefined ? {} : { timers: options.timers }) })
  const watchers: FileWatcher[] = []
  const watchFn = options.watch ?? ((root, onChange) => watchTree(root, onChange))
  try {
    for (const root of new Set(rules.map((r) => r.path))) watchers.push(await watchFn(root, (path) => batcher.add(path)))
    for (const rule of rules) push({ type: 'watching', service: rule.service, action: rule.action, path: rule.path, ...(rule.target === undefined ? {} : { target: rule.target }) })
    for (const rule of rules) {
      if (!rule.initialSync || (rule.action !== 'sync' && rule.action !== 'sync+restart' && rule.action !== 'sync+exec')) continue
      await sync(rule, [rule.path], true).catch((error: unknown) => fail(rule.service, error))
    }
    const aborted = new Promise<void>((resolve) => {
      if (ctx.signal?.aborted === true) resolve()
      ctx.signal?.addEventListener('abort', () => resolve(), { once: true })
    })
    for (;;) {
      while (queue.length > 0) yield queue.shift() as WatchEvent
      if (ctx.signal?.aborted === true) return
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted])
      wake = undefined
    }
  } finally {
    batcher.close()
    for (const w of watchers) w.close()
  }
}
