/**
 * `up`: observe → reconcile (pure) → `plan:create` → execute, then `--wait`. Returns when the
 * project is converged and started; attaching to logs is the adapter's business.
 */
import type { EngineClient } from '../engine/client.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import { execute, throwIfFailed, type ExecuteResult } from '../converge/execute.ts'
import type { DesiredState } from '../converge/hook-types.ts'
import { ensureImages, type PullOption } from '../converge/images.ts'
import { withApiSocket } from '../converge/api-socket.ts'
import { prepareHashing } from '../converge/hash.ts'
import { observe, type ObservedState } from '../converge/observe.ts'
import type { Plan } from '../converge/plan.ts'
import { divergedVolumes, reconcile } from '../converge/reconcile.ts'
import { volumeName } from '../converge/naming.ts'
import { callHook, type RunContext } from '../converge/run-context.ts'
import { waitForServices } from './_wait.ts'

export interface UpOptions {
  /** Services to bring up (default all), with their dependencies unless `noDeps`. */
  services?: string[]
  noDeps?: boolean
  forceRecreate?: boolean
  noRecreate?: boolean
  alwaysRecreateDeps?: boolean
  /** `-V, --renew-anon-volumes` */
  renewAnonVolumes?: boolean
  removeOrphans?: boolean
  /** Neither remove nor warn about orphans (default: COMPOSE_IGNORE_ORPHANS in the project environment, `.env` included). */
  ignoreOrphans?: boolean
  noStart?: boolean
  /** `-t, --timeout` seconds for stopping replaced containers. */
  timeout?: number
  /** `--scale service=n` (applied by the compose:scale plugin). */
  scale?: Record<string, number>
  /** `--wait`: wait for services to be running/healthy (through the `service:ready` hook). */
  wait?: boolean
  /** `--wait-timeout` seconds. */
  waitTimeout?: number
  /** `--pull` (default `policy`: each service's pull_policy, else missing). */
  pull?: PullOption
  /** `--build`: build every service with a `build:` section first (pull_policy: build). */
  build?: boolean
  /** `--no-build`: never build; a missing image is an error. */
  noBuild?: boolean
  /** `--quiet-pull` / `--quiet-build`: no pull / build progress events. */
  quietPull?: boolean
  quietBuild?: boolean
  /** `--dry-run`: return the plan, touch nothing. */
  dryRun?: boolean
  /** `--all-resources`: make every network and volume the project declares, even those no service uses. */
  allResources?: boolean
  /**
   * `-y, --yes`: yes to every question, e.g. whether to recreate a volume whose configuration
   * changed (its data is lost).
   */
  yes?: boolean
  /**
   * Asks the user a yes/no question (the CLI asks on a terminal). Without it, and without `yes`,
   * the answer is no: a changed volume is kept, with a warning.
   */
  confirm?: (question: string) => Promise<boolean>
}

export interface UpResult {
  plan: Plan
  warnings: string[]
  /** Undefined for --dry-run. */
  execution?: ExecuteResult
}

export async function up(client: EngineClient, loaded: Project, options: UpOptions = {}, ctx: RunContext = {}): Promise<UpResult> {
  const project = await withApiSocket(loaded, ctx.auth)
  const graph = buildGraph(project)
  for (const d of graph.dropped) ctx.emit?.({ type: 'warning', message: `service "${d.service}": optional dependency "${d.dependency}" is not defined; ignored` })
  const services = selectServices(project, graph, options.services, { noDeps: options.noDeps === true })
  const selected = options.services !== undefined && options.services.length > 0 ? new Set(options.services) : undefined
  const desired: DesiredState = { project, services: graph.order.filter((s) => services.has(s)), replicas: Object.fromEntries([...services].map((s) => [s, 1])), scale: options.scale ?? {} }
  await callHook(ctx, 'plan:prepare', desired)
  if (ctx.hooks?.has('plan:prepare') !== true) {
    if (Object.keys(desired.scale).length > 0) ctx.emit?.({ type: 'warning', message: '--scale ignored: no plugin sets replica counts (is compose:scale disabled?)' })
    for (const name of desired.services) {
      const service = project.services[name]
      const wanted = service?.deploy?.replicas ?? service?.scale
      if (wanted !== undefined && wanted !== 1) {
        ctx.emit?.({ type: 'warning', message: `service "${name}": ${wanted} replicas ignored, running 1: no plugin sets replica counts (is compose:scale disabled?)` })
      }
    }
  }
  const observing = observe(client, project, { images: true, ...(ctx.signal ? { signal: ctx.signal } : {}) })
  // while the engine answers, this thread gets the config hashing ready (the CLI loads node:crypto
  // on first use, ~5 ms), which reconcile needs next
  prepareHashing()
  const observed = await observing
  if (options.dryRun !== true) {
    const build = options.noBuild === true ? 'never' : options.build === true ? 'always' : 'missing'
    await ensureImages(client, project, services, observed.images, options.pull ?? 'policy', ctx, build, { quietPull: options.quietPull === true, quietBuild: options.quietBuild === true })
  }
  const recreateVolumes = await volumesToRecreate(project, observed, services, options)
  const converge = async (state: ObservedState, replace?: ReadonlySet<string>): Promise<{ draft: { project: Project; command: string; plan: Plan }; warnings: string[] }> => {
    const strategy = options.noRecreate === true ? 'never' : options.forceRecreate === true ? 'force' : 'diverged'
    const depStrategy = options.noRecreate === true ? 'never' : options.alwaysRecreateDeps === true ? 'force' : 'diverged'
    const { plan, warnings } = reconcile({
      project,
      observed: state,
      graph,
      services,
      ...(selected === undefined ? {} : { selected }),
      replicas: desired.replicas,
      options: {
        recreate: strategy,
        recreateDependencies: depStrategy,
        renewAnonVolumes: options.renewAnonVolumes === true,
        removeOrphans: options.removeOrphans === true,
        ignoreOrphans: options.ignoreOrphans ?? /^(1|true|yes)$/i.test(project.environment?.COMPOSE_IGNORE_ORPHANS ?? ''),
        noStart: options.noStart === true,
        ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
        ...(replace === undefined ? {} : { replace }),
        recreateVolumes,
        allResources: options.allResources === true,
      },
    })
    // a second pass (below) says only what is new
    if (replace === undefined) for (const message of warnings) ctx.emit?.({ type: 'warning', message })
    const draft = { project, command: options.noStart === true ? 'create' : 'up', plan }
    await callHook(ctx, 'plan:create', draft)
    return { draft, warnings }
  }
  let { draft, warnings } = await converge(observed)
  if (options.dryRun === true) return { plan: draft.plan, warnings }
  let execution = await execute(client, project, draft.plan, ctx, { images: observed.images })
  const stale = staleTaskContainers(execution)
  if (stale.size > 0) {
    // The engine was stopped while starting these containers and kept their tasks: they can
    // never start again under the same ID. Replace them once, as `--force-recreate` would.
    for (const name of stale.values()) ctx.emit?.({ type: 'warning', message: `container ${name}: the engine kept a task from a start it did not finish (was the daemon restarted?); recreating the container` })
    const again = await observe(client, project, { images: true, ...(ctx.signal ? { signal: ctx.signal } : {}) })
    ;({ draft, warnings } = await converge(again, new Set(stale.keys())))
    execution = await execute(client, project, draft.plan, ctx, { images: again.images })
  }
  throwIfFailed(execution)
  if (options.wait === true && options.noStart !== true) {
    await waitForServices(client, project, graph, [...services].filter((s) => (desired.replicas[s] ?? 1) > 0), options.waitTimeout, ctx)
  }
  await callHook(ctx, 'project:up', { project: project.name, command: draft.command, plan: draft.plan })
  return { plan: draft.plan, warnings, execution }
}

/** The changed volumes the user agrees to recreate (docker compose's prompt; `yes` answers for them). */
async function volumesToRecreate(project: Project, observed: ObservedState, services: ReadonlySet<string>, options: UpOptions): Promise<Set<string>> {
  const agreed = new Set<string>()
  for (const key of divergedVolumes(project, observed, services)) {
    if (options.yes === true) agreed.add(key)
    else if (options.dryRun !== true && options.confirm !== undefined) {
      if (await options.confirm(`Volume "${volumeName(project, key)}" exists but doesn't match configuration in compose file. Recreate (data will be lost)?`)) agreed.add(key)
    }
  }
  return agreed
}

/** The engine's answer when a container's ID still has a task from an interrupted start. */
const STALE_TASK = /\btask [0-9a-f]{64}: already exists\b/

/** Containers (ID → name) whose start failed because the engine kept a stale task. */
function staleTaskContainers(execution: ExecuteResult): Map<string, string> {
  const stale = new Map<string, string>()
  for (const { node, error } of execution.failed) {
    if (node.op.type !== 'container:start' || !(error instanceof Error) || !STALE_TASK.test(error.message)) continue
    // only a container that existed before this run can carry a task from an earlier start
    if ('id' in node.op.target) stale.set(node.op.target.id, node.op.target.name)
  }
  return stale
}
