/**
 * `pre_start` service hooks (docker compose v5, pkg/compose/pre_start.go). Before the first
 * container of a service starts, and only when none of its containers is running, each hook runs
 * in turn as a container of its own:
 * - the hook's `image` (default: the service's), `command`, `user`, `working_dir`, `privileged`;
 *   the service environment, then the hook's;
 * - the volumes of the service's lowest-numbered container (`VolumesFrom`), and the service's
 *   networks with its aliases;
 * - labels project, service, version and `com.docker.compose.hook=pre_start`, so that `down`
 *   finds it and the service's own lists do not.
 * Its output is reported line by line. A hook that exits 0 is removed; one that fails blocks the
 * service's start, and its container is kept for `docker logs`/`inspect` until the next run of
 * the hooks (or `down`) removes it. Only `per_replica: false` exists so far, as in docker compose.
 */
import { pullWithProgress } from '../build/transfer.ts'
import { connectNetwork } from '../engine/api/networks.ts'
import { containerLogs, createContainer, listContainers, removeContainer, startContainer, waitContainer } from '../engine/api/containers.ts'
import { inspectImage } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { ServiceConfig, ServiceHook } from '../model/project.ts'
import type { Project } from '../model/project.ts'
import { COMPOSE_VERSION } from '../version.ts'
import { HOOK_LABEL, PROJECT_LABEL, SERVICE_LABEL, VERSION_LABEL } from './labels.ts'
import { imageName } from './naming.ts'
import type { RunContext } from './run-context.ts'
import { envList } from './spec-config.ts'
import { toNetworking } from './spec-networks.ts'

export const PRE_START_HOOK = 'pre_start'
/** Lines of a failed hook's output quoted in the error. */
const TAIL_LINES = 10

export interface PreStartInput {
  client: EngineClient
  project: Project
  service: ServiceConfig
  /** The container whose volumes the hooks see (the lowest-numbered one about to start). */
  replica: string
  /** Container IDs `service:x` references resolve to (network_mode). */
  refs: Readonly<Record<string, string>>
  ctx: RunContext
}

/** Runs the service's `pre_start` hooks in order; throws CONVERGE_HOOK_FAILED at the first that fails. */
export async function runPreStart(input: PreStartInput): Promise<void> {
  const hooks = input.service.pre_start ?? []
  hooks.forEach((hook, i) => {
    if (hook.per_replica === true) {
      throw new ComposeError('CONFIG_INVALID', `service "${input.service.name}" pre_start[${i}]: per_replica is not supported yet`, { hint: 'remove per_replica or set it to false' })
    }
  })
  await removeHookContainers(input.client, input.project.name, input.service.name, input.ctx.signal)
  for (const [i, hook] of hooks.entries()) await runHook(input, hook, i)
}

/** The label filter of a project's `pre_start` hook containers (one service's, when given). */
export function hookContainerLabels(project: string, service?: string): string[] {
  return [`${PROJECT_LABEL}=${project}`, `${HOOK_LABEL}=${PRE_START_HOOK}`, ...(service === undefined ? [] : [`${SERVICE_LABEL}=${service}`])]
}

/** Removes the hook containers of a service that an earlier run kept. */
async function removeHookContainers(client: EngineClient, project: string, service: string, signal?: AbortSignal): Promise<void> {
  const sig = signal === undefined ? {} : { signal }
  for (const c of await listContainers(client, { all: true, filters: { label: hookContainerLabels(project, service) }, ...sig })) {
    await removeContainer(client, c.Id, { force: true, volumes: true, ...sig }).catch(() => undefined)
  }
}

async function runHook(input: PreStartInput, hook: ServiceHook, index: number): Promise<void> {
  const { client, project, service, ctx } = input
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const what = `service "${service.name}" pre_start[${index}]`
  const image = hook.image ?? imageName(project, service)
  await ensureImage(client, image, service, ctx)
  // the service's networks and aliases; no links, and no container name of its own to announce
  const networking = toNetworking({ project, service: { ...service, links: [], external_links: [] }, number: 0, name: service.name, refs: input.refs, configHash: '', labels: {} })
  const created = await createContainer(
    client,
    {
      Image: image,
      ...(hook.command === undefined || hook.command === null ? {} : { Cmd: hook.command }),
      ...(hook.user === undefined ? {} : { User: hook.user }),
      ...(hook.working_dir === undefined ? {} : { WorkingDir: hook.working_dir }),
      Env: [...envList(service.environment), ...envList(hook.environment)],
      Labels: { [PROJECT_LABEL]: project.name, [SERVICE_LABEL]: service.name, [VERSION_LABEL]: ctx.labels?.version ?? COMPOSE_VERSION, [HOOK_LABEL]: PRE_START_HOOK },
      HostConfig: { Privileged: hook.privileged === true, VolumesFrom: [input.replica], ...networking.host },
      ...(networking.networking === undefined ? {} : { NetworkingConfig: networking.networking }),
    },
    sig,
  )
  const id = created.Id
  try {
    for (const extra of networking.extra) await connectNetwork(client, extra.network, id, { endpoint: extra.endpoint, ...sig })
    await startContainer(client, id, sig)
  } catch (error) {
    await removeContainer(client, id, { force: true, volumes: true }).catch(() => undefined)
    throw error
  }
  const lines: string[] = []
  try {
    // the log stream ends when the container exits; the wait gives its status
    const [, exit] = await Promise.all([
      (async () => {
        const partial = { stdout: '', stderr: '', stdin: '' }
        const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder(), stdin: new TextDecoder() }
        const report = (line: string): void => {
          if (line === '') return
          lines.push(line)
          if (lines.length > TAIL_LINES) lines.shift()
          ctx.emit?.({ type: 'info', source: service.name, message: `pre_start[${index}]: ${line}` })
        }
        for await (const frame of await containerLogs(client, id, { stdout: true, stderr: true, follow: true, tty: false, ...sig })) {
          const text = partial[frame.stream] + decoder[frame.stream].decode(frame.data, { stream: true })
          const parts = text.split('\n')
          partial[frame.stream] = parts.pop() ?? ''
          parts.forEach(report)
        }
        report(partial.stdout)
        report(partial.stderr)
      })(),
      waitContainer(client, id, sig),
    ])
    if (exit.StatusCode !== 0) {
      throw new ComposeError('CONVERGE_HOOK_FAILED', `${what} exited with code ${exit.StatusCode} (hook container ${id.slice(0, 12)} kept for inspection)`, {
        hint: lines.length === 0 ? `see \`docker logs ${id.slice(0, 12)}\`` : lines.join('\n'),
      })
    }
  } catch (error) {
    // Ctrl-C is no failure of the hook: nothing to inspect
    if (ctx.signal?.aborted === true) await removeContainer(client, id, { force: true, volumes: true }).catch(() => undefined)
    throw error
  }
  await removeContainer(client, id, { volumes: true, ...sig }).catch((error: unknown) => {
    ctx.emit?.({ type: 'warning', message: `${what}: could not remove the hook container ${id.slice(0, 12)}: ${error instanceof Error ? error.message : String(error)}` })
  })
}

/**
 * The hook image, under the service's pull policy as docker compose applies it to hook images:
 * `always` pulls, `never` only takes a local image, anything else (`build` included: a hook
 * image is not built) pulls it when it is missing.
 */
async function ensureImage(client: EngineClient, image: string, service: ServiceConfig, ctx: RunContext): Promise<void> {
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const pull = (): Promise<unknown> => pullWithProgress(client, image, { service: service.name, ...(ctx.auth === undefined ? {} : { auth: ctx.auth }), ...(ctx.emit === undefined ? {} : { emit: ctx.emit }), ...sig })
  if (image !== service.image && service.pull_policy === 'always') {
    await pull()
    return
  }
  try {
    await inspectImage(client, image, sig)
  } catch (error) {
    if (!isComposeError(error, 'ENGINE_NOT_FOUND')) throw error
    if (service.pull_policy === 'never') {
      throw new ComposeError('CONVERGE_IMAGE_MISSING', `service "${service.name}": pre_start image ${image} is not present locally and pull_policy is never`, { hint: `pull it (\`docker pull ${image}\`) or change pull_policy` })
    }
    await pull()
  }
}
