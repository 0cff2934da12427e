/**
 * `down` (compose-features.md 4.10): stop and remove the containers in reverse dependency order
 * (`-t`; `-v` drops their anonymous volumes), orphans with `--remove-orphans`, then in parallel
 * the project's non-external networks, with `-v` its declared named volumes, with `--rmi` its
 * images. External resources are never touched. With services named, only their containers and
 * their dependents' are removed (docker compose's WithRootNodesAndDown); the networks and volumes
 * are still tried, and those other containers still use are kept with a warning.
 */
import type { EngineClient } from '../engine/client.ts'
import { buildGraph } from '../graph/graph.ts'
import type { Project } from '../model/project.ts'
import { execute, throwIfFailed } from '../converge/execute.ts'
import { PROJECT_LABEL, SERVICE_LABEL } from '../converge/labels.ts'
import { hookContainerLabels } from '../converge/pre-start.ts'
import { listContainers } from '../engine/api/containers.ts'
import { findOrphans, usedVolumes } from '../converge/reconcile.ts'
import { planContainers } from '../converge/lifecycle-plan.ts'
import { imageName, networkName, trimSlash, volumeName } from '../converge/naming.ts'
import { inspectImage } from '../engine/api/images.ts'
import { listNetworks } from '../engine/api/networks.ts'
import { listVolumes } from '../engine/api/volumes.ts'
import type { Operation } from '../converge/plan.ts'
import { callHook, type RunContext } from '../converge/run-context.ts'
import { isRunning, selectContainers, target, type LifecycleOptions, type LifecycleResult } from './_lifecycle.ts'

export interface DownOptions extends LifecycleOptions {
  /** `-v, --volumes`: remove named volumes declared in the project and anonymous volumes. */
  volumes?: boolean
  /** `--rmi local|all` */
  rmi?: 'local' | 'all'
  removeOrphans?: boolean
  /** `-t, --timeout` seconds. */
  timeout?: number
}

export async function down(client: EngineClient, project: Project, options: DownOptions = {}, ctx: RunContext = {}): Promise<LifecycleResult> {
  const graph = buildGraph(project)
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const services = options.services ?? []
  const [selected, orphans, networks, volumes, hooks] = await Promise.all([
    // with --remove-orphans, running one-off containers go too (docker compose down)
    selectContainers(client, project, { services }, { orphans: options.removeOrphans === true, oneOffs: options.removeOrphans === true, withDependents: true }, ctx),
    // named services narrow the selection, not `--remove-orphans`
    services.length > 0 && options.removeOrphans === true ? selectContainers(client, project, {}, { orphans: true }, ctx).then((all) => findOrphans(project, all)) : Promise.resolve([]),
    listNetworks(client, { filters: { label: [`${PROJECT_LABEL}=${project.name}`] }, ...sig }),
    options.volumes === true ? listVolumes(client, sig) : Promise.resolve({ volumes: [], warnings: [] }),
    // pre_start hook containers kept after a failure (the whole project's, or the named services')
    listContainers(client, { all: true, filters: { label: hookContainerLabels(project.name) }, ...sig }),
  ])
  const containers = [...selected, ...orphans.filter((o) => !selected.some((c) => c.id === o.id))]
  const t = options.timeout === undefined ? {} : { timeout: options.timeout }
  const { plan, last } = planContainers(graph, containers, 'down', (c) => {
    const remove = { op: { type: 'container:remove', service: c.service, target: target(c), ...(options.volumes === true ? { volumes: true } : {}) } as Operation, cause: 'down' }
    return isRunning(c) ? [{ op: { type: 'container:stop', service: c.service, target: target(c), ...t }, cause: 'down' }, remove] : [remove]
  })
  for (const h of hooks) {
    const service = h.Labels?.[SERVICE_LABEL] ?? ''
    if (services.length > 0 && !services.includes(service)) continue
    last.push(plan.add({ type: 'container:remove', service, target: { id: h.Id, name: trimSlash(h.Names[0] ?? h.Id) }, force: true, ...(options.volumes === true ? { volumes: true } : {}) }, 'pre_start hook container'))
  }
  for (const [key, cfg] of Object.entries(project.networks)) {
    const name = networkName(project, key)
    if (cfg.external === true) continue
    // by ID: a concurrent `up` on an old engine may have left two networks of one name
    const found = networks.filter((n) => n.Name === name)
    if (found.length === 1) plan.add({ type: 'network:remove', name }, 'down', last)
    else for (const n of found) plan.add({ type: 'network:remove', name, id: n.Id }, 'down', last)
  }
  if (options.volumes === true) {
    // the volumes a service mounts (docker compose prunes the others from the model), or that
    // carry this project's label (a project rebuilt from labels, a volume an earlier file used);
    // never a volume that is merely declared and was made by someone else
    const used = usedVolumes(project)
    const existing = new Map(volumes.volumes.map((v) => [v.Name, v]))
    for (const [key, cfg] of Object.entries(project.volumes)) {
      const name = volumeName(project, key)
      const seen = existing.get(name)
      if (cfg.external === true || seen === undefined) continue
      if (used.has(key) || seen.Labels?.[PROJECT_LABEL] === project.name) plan.add({ type: 'volume:remove', name, force: true }, 'down -v', last)
    }
  }
  if (options.rmi !== undefined) {
    const images = new Set<string>()
    for (const s of Object.values(project.services)) if (options.rmi === 'all' || s.image === undefined) images.add(imageName(project, s))
    // only images that exist: a missing one is nothing to remove (docker compose is silent too)
    const present = await Promise.all([...images].map((name) => inspectImage(client, name, sig).then(() => name, () => undefined)))
    for (const name of present.filter((n): n is string => n !== undefined).sort()) plan.add({ type: 'image:remove', name }, `down --rmi ${options.rmi}`, last)
  }
  const draft = { project, command: 'down', plan }
  await callHook(ctx, 'plan:create', draft)
  if (draft.plan.empty) ctx.emit?.({ type: 'warning', message: 'No resource found to remove' })
  if (options.dryRun === true) return { plan: draft.plan }
  const execution = await execute(client, project, draft.plan, ctx)
  // a network still in use by foreign containers, or an image used elsewhere: warn, do not fail
  for (const f of [...execution.failed]) {
    if (f.node.op.type === 'network:remove' || f.node.op.type === 'image:remove' || f.node.op.type === 'volume:remove') {
      ctx.emit?.({ type: 'warning', message: `${f.error instanceof Error ? f.error.message : String(f.error)} (Resource is still in use)` })
      execution.failed.splice(execution.failed.indexOf(f), 1)
    }
  }
  throwIfFailed(execution)
  await callHook(ctx, 'project:down', { project: project.name, command: 'down', plan: draft.plan })
  return { plan: draft.plan, execution }
}
