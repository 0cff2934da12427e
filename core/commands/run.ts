/**
 * `run`: a one-off container of a service (docker/compose pkg/compose/run.go): dependencies
 * started first (unless `noDeps`) and waited for, the image ensured, then the container created
 * (`oneoff=True`, slug), attached before it starts like `docker start -a -i`, and its exit code
 * returned. `detach` returns once it started. `rm` removes it (the engine's AutoRemove) and the
 * call returns only when it is gone.
 */
import { putContainerArchive } from '../engine/api/container-archive.ts'
import { attachContainer, attachContainerOutput, createContainer, killContainer, removeContainer, resizeContainer, startContainer } from '../engine/api/containers.ts'
import { writeTar } from '../engine/tar.ts'
import { injectedEntries } from '../converge/_injected-files.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError } from '../errors.ts'
import type { Project } from '../model/project.ts'
import { withApiSocket } from '../converge/api-socket.ts'
import { execute, throwIfFailed } from '../converge/execute.ts'
import { ensureImages, type PullOption } from '../converge/images.ts'
import { imageName, networkName, volumeName } from '../converge/naming.ts'
import { observe, type ObservedState } from '../converge/observe.ts'
import { Plan } from '../converge/plan.ts'
import { callHook, type RunContext } from '../converge/run-context.ts'
import { followSize, pumpOutput, pumpStdin, type InteractiveIo } from './_interactive.ts'
import { runContainerNetworks, waitRequest } from './_run-support.ts'
import { newSlug, oneOffName, oneOffService, oneOffSpec, type OneOffOptions } from './run-spec.ts'
import { up } from './up.ts'

export interface RunOptions extends OneOffOptions {
  service: string
  /** `-d`: start and return the container ID. */
  detach?: boolean
  /** `--no-deps` */
  noDeps?: boolean
  /** `--pull` (default: the service's pull_policy). */
  pull?: PullOption
  /** `--build`: build the image first, through `build` (building lives elsewhere). */
  build?: boolean
  /** Builds a service's image (injected by the adapter). */
  builder?: (service: string) => Promise<void>
  /** The caller's streams for an attached run. */
  io?: InteractiveIo
}

export interface RunOutcome {
  /** The container's exit code (0 for `detach`). */
  exitCode: number
  container: string
  name: string
}

export async function run(client: EngineClient, loaded: Project, options: RunOptions, ctx: RunContext = {}): Promise<RunOutcome> {
  const project = await withApiSocket(loaded, ctx.auth)
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const base = project.services[options.service]
  if (base === undefined) throw new ComposeError('GRAPH_NO_SUCH_SERVICE', `no such service: ${options.service}`)
  const deps = Object.keys(base.depends_on ?? {}).filter((d) => project.services[d] !== undefined)
  if (options.noDeps !== true && deps.length > 0) await startDependencies(client, project, options.service, deps, ctx)
  if (options.build === true) {
    if (options.builder === undefined) ctx.emit?.({ type: 'warning', message: `run --build: no builder available; using the existing image of ${options.service}` })
    else await options.builder(options.service)
  }
  const observed = await observe(client, project, { images: true, ...sig })
  await ensureImages(client, project, [options.service], observed.images, options.pull ?? 'policy', ctx)
  await ensureNetworksAndVolumes(client, project, options.service, observed, ctx)

  const slug = newSlug()
  const name = options.name ?? oneOffName(project, options.service, slug)
  const attached = options.detach !== true
  const service = oneOffService(project, base, options)
  const refs: Record<string, string> = {}
  for (const c of observed.containers) if (!c.oneoff && c.state === 'running' && refs[c.service] === undefined) refs[c.service] = c.id
  const imageId = observed.images[imageName(project, base)] ?? undefined
  const spec = oneOffSpec({ project, service, name, slug, refs, labels: ctx.labels ?? {}, ...(imageId === undefined ? {} : { imageId }), options: { ...options, attached, name } })
  const draft = { project, service, number: 1, spec }
  await callHook(ctx, 'container:create', draft)
  for (const message of draft.spec.warnings) ctx.emit?.({ type: 'warning', message })
  const created = await createContainer(client, draft.spec.body, { name: draft.spec.name, ...(draft.spec.platform === undefined ? {} : { platform: draft.spec.platform }), ...sig })
  const id = created.Id
  const ref = { project: project.name, service: options.service, id, name }
  try {
    await runContainerNetworks(client, draft.spec.extraNetworks, id, ctx)
    // secrets and configs from `environment` or `content`, as for the service's own containers
    if (draft.spec.files.length > 0) await putContainerArchive(client, id, '/', writeTar(injectedEntries(draft.spec.files)), sig)
    await callHook(ctx, 'container:created', ref)
    if (!attached) {
      await startOneOff(client, project, options.service, id, name, ctx)
      return { exitCode: 0, container: id, name }
    }
  } catch (error) {
    await removeContainer(client, id, { force: true }).catch(() => undefined)
    throw error
  }
  return { exitCode: await attachAndWait(client, project, options, id, name, ctx), container: id, name }
}

async function startOneOff(client: EngineClient, project: Project, service: string, id: string, name: string, ctx: RunContext): Promise<void> {
  await startContainer(client, id, ctx.signal ? { signal: ctx.signal } : {})
  if (ctx.hooks?.has('container:start') === true) {
    await callHook(ctx, 'container:start', { client, project, ...(project.services[service] === undefined ? {} : { service: project.services[service] }), serviceName: service, id, name, cause: 'run' })
  }
  await callHook(ctx, 'container:started', { project: project.name, service, id, name })
}

/** Attach first (nothing is missed), then start; the output ends when the process does. */
async function attachAndWait(client: EngineClient, project: Project, options: RunOptions, id: string, name: string, ctx: RunContext): Promise<number> {
  const io = options.io ?? { stdout: () => {}, stderr: () => {} }
  const tty = options.tty === true
  const withStdin = options.interactive !== false && io.stdin !== undefined
  // the streams are not tied to the command's signal: the container's end ends them
  const exited = await waitRequest(client, id, options.rm === true ? 'removed' : 'next-exit')
  const attached = withStdin ? await attachContainer(client, id, { tty, stdin: true }) : undefined
  const output = attached?.output ?? (await attachContainerOutput(client, id, { tty }))
  const pumping = pumpOutput(output, io)
  try {
    await startOneOff(client, project, options.service, id, name, ctx)
  } catch (error) {
    attached?.close()
    await removeContainer(client, id, { force: true }).catch(() => undefined)
    await pumping.catch(() => undefined)
    throw error
  }
  const unfollow = tty ? followSize(io, (size) => resizeContainer(client, id, { height: size.rows, width: size.columns })) : () => {}
  const unsignal = io.onSignal?.((signal) => void killContainer(client, id, { killSignal: signal }).catch(() => undefined)) ?? (() => {})
  const input = attached === undefined ? undefined : pumpStdin(attached, io.stdin, { closeOnEof: true })
  try {
    await pumping
    return (await exited()).StatusCode
  } finally {
    input?.stop()
    attached?.close()
    unfollow()
    unsignal()
  }
}

/** Dependencies through the normal create+start path, then their `depends_on` conditions. */
async function startDependencies(client: EngineClient, project: Project, service: string, deps: string[], ctx: RunContext): Promise<void> {
  await up(client, project, { services: deps }, ctx)
  const containers = await observe(client, project, ctx.signal ? { signal: ctx.signal } : {})
  const edges = project.services[service]?.depends_on ?? {}
  await Promise.all(
    deps.map(async (dep) => {
      const edge = edges[dep]
      if (edge === undefined) return
      const ids = containers.containers.filter((c) => c.service === dep && !c.oneoff).map((c) => c.id)
      try {
        await callHook(ctx, 'service:ready', { client, project, service: dep, condition: edge.condition, containers: ids, dependent: service })
      } catch (error) {
        if (edge.required) throw error
        ctx.emit?.({ type: 'warning', message: `optional dependency ${dep} of ${service} not ready: ${error instanceof Error ? error.message : String(error)}` })
      }
    }),
  )
}

/** The project networks and named volumes the service uses, created when missing. */
async function ensureNetworksAndVolumes(client: EngineClient, project: Project, service: string, observed: ObservedState, ctx: RunContext): Promise<void> {
  const plan = new Plan()
  const s = project.services[service]
  if (s === undefined) return
  const nets = s.network_mode === undefined ? Object.keys(s.networks ?? { default: null }) : []
  for (const key of nets) {
    const name = networkName(project, key)
    if (project.networks[key]?.external !== true && observed.networks[name] === undefined) plan.add({ type: 'network:create', key, name }, 'run')
  }
  for (const v of s.volumes ?? []) {
    if (v.type !== 'volume' || v.source === undefined || project.volumes[v.source] === undefined) continue
    const name = volumeName(project, v.source)
    if (project.volumes[v.source]?.external !== true && observed.volumes[name] === undefined) plan.add({ type: 'volume:create', key: v.source, name }, 'run')
  }
  if (plan.empty) return
  throwIfFailed(await execute(client, project, plan, ctx))
}
