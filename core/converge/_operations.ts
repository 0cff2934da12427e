/** One Engine call per plan operation, with its progress events and plugin notifications. */
import {
  createContainer,
  killContainer,
  pauseContainer,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from '../engine/api/containers.ts'
import { removeImage } from '../engine/api/images.ts'
import { putContainerArchive } from '../engine/api/container-archive.ts'
import { writeTar } from '../engine/tar.ts'
import { injectedEntries } from './_injected-files.ts'
import { connectNetwork, createNetwork, disconnectNetwork, removeNetwork } from '../engine/api/networks.ts'
import { settleDuplicateNetworks } from './_network-race.ts'
import { createVolume, removeVolume } from '../engine/api/volumes.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { EndpointSettings } from '../engine/types.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { COMPOSE_VERSION } from '../version.ts'
import { toCreateSpec } from './create-spec.ts'
import { toNetworking } from './spec-networks.ts'
import { injectedFiles } from './spec-mounts.ts'
import { runPreStart } from './pre-start.ts'
import type { ContainerRef } from './hook-types.ts'
import { networkHash, serviceHash, volumeHash } from './hash.ts'
import { CONFIG_HASH_LABEL, NETWORK_LABEL, PROJECT_LABEL, VERSION_LABEL, VOLUME_LABEL } from './labels.ts'
import { imageName, networkName } from './naming.ts'
import type { ContainerTarget, PlanNode } from './plan.ts'
import { callHook, type RunContext } from './run-context.ts'

export interface OperationState {
  client: EngineClient
  project: Project
  ctx: RunContext
  /** create node id → container ID */
  created: Map<number, string>
  images: Readonly<Record<string, string | null>>
}

function resolve(state: OperationState, target: ContainerTarget): string {
  if ('id' in target) return target.id
  const id = state.created.get(target.node)
  if (id === undefined) throw new ComposeError('ENGINE_ERROR', `container ${target.name} was not created`)
  return id
}

/** The sequential `container:start`/`container:stop` hooks (service lifecycle hooks). */
async function lifecycle(state: OperationState, hook: 'container:start' | 'container:stop', service: string, id: string, name: string, cause: string): Promise<void> {
  if (state.ctx.hooks?.has(hook) !== true) return
  const config = state.project.services[service]
  await callHook(state.ctx, hook, { client: state.client, project: state.project, ...(config === undefined ? {} : { service: config }), serviceName: service, id, name, cause })
}

/**
 * Runs `call` (a create or connect naming networks); if the engine finds one of those names
 * ambiguous (a concurrent `up` created a duplicate and has not removed it yet, see
 * ./_network-race.ts), settles the duplicates of this project and tries once more.
 */
async function settlingAmbiguous<T>(state: OperationState, networks: readonly (string | undefined)[], call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof Error) || !/is ambiguous/.test(error.message)) throw error
    const sig = state.ctx.signal ? { signal: state.ctx.signal } : {}
    for (const name of new Set(networks)) {
      if (name !== undefined && name !== '' && !['host', 'none', 'bridge', 'default'].includes(name) && !name.includes(':')) {
        await settleDuplicateNetworks(state.client, state.project.name, name, undefined, sig)
      }
    }
    return call()
  }
}

/** The endpoint settings (aliases, addresses, links) a container of `service` gets on `network`. */
function endpointFor(project: Project, service: ServiceConfig, number: number, name: string, network: string): EndpointSettings | undefined {
  const networking = toNetworking({ project, service, number, name, refs: {}, configHash: '', labels: {} })
  return networking.networking?.EndpointsConfig?.[network] ?? networking.extra.find((e) => e.network === network)?.endpoint
}

function progress(state: OperationState, id: string, status: string, detail?: string): void {
  state.ctx.emit?.({ type: 'progress', id, status, ...(detail === undefined ? {} : { detail }) })
}

export async function runOperation(state: OperationState, node: PlanNode): Promise<void> {
  const { client, project, ctx } = state
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const op = node.op
  const ref = (service: string, id: string, name: string): ContainerRef => ({ project: project.name, service, id, name })
  switch (op.type) {
    case 'network:create': {
      const cfg = project.networks[op.key] ?? {}
      const id = `Network ${op.name}`
      progress(state, id, 'Creating')
      const ipam = cfg.ipam
      const created = await createNetwork(
        client,
        {
          Name: op.name,
          CheckDuplicate: true,
          ...(cfg.driver === undefined ? {} : { Driver: cfg.driver }),
          ...(cfg.driver_opts === undefined ? {} : { Options: cfg.driver_opts }),
          ...(ipam === undefined
            ? {}
            : {
                IPAM: {
                  ...(ipam.driver === undefined ? {} : { Driver: ipam.driver }),
                  Config: (ipam.config ?? []).map((p) => ({
                    ...(p.subnet === undefined ? {} : { Subnet: p.subnet }),
                    ...(p.ip_range === undefined ? {} : { IPRange: p.ip_range }),
                    ...(p.gateway === undefined ? {} : { Gateway: p.gateway }),
                    ...(p.aux_addresses === undefined ? {} : { AuxiliaryAddresses: p.aux_addresses }),
                  })),
                  ...(ipam.options === undefined ? {} : { Options: ipam.options }),
                },
              }),
          ...(cfg.internal === true ? { Internal: true } : {}),
          ...(cfg.attachable === true ? { Attachable: true } : {}),
          ...(cfg.enable_ipv6 === true ? { EnableIPv6: true } : {}),
          Labels: { ...(cfg.labels ?? {}), [PROJECT_LABEL]: project.name, [NETWORK_LABEL]: op.key, [VERSION_LABEL]: ctx.labels?.version ?? COMPOSE_VERSION, [CONFIG_HASH_LABEL]: networkHash(cfg, op.name) },
        },
        sig,
      ).catch((error: unknown) => {
        // another `up` of this project created it first
        if (isComposeError(error, 'ENGINE_CONFLICT')) return undefined
        throw error
      })
      await settleDuplicateNetworks(client, project.name, op.name, created?.Id, sig)
      progress(state, id, 'Created')
      return
    }
    case 'network:remove':
      progress(state, `Network ${op.name}`, 'Removing')
      await removeNetwork(client, op.id ?? op.name, sig)
      progress(state, `Network ${op.name}`, 'Removed')
      return
    case 'network:disconnect':
      await disconnectNetwork(client, op.network, resolve(state, op.target), { force: true, ...sig }).catch((error: unknown) => {
        // removed meanwhile (by this plan or by someone else): nothing left to detach
        if (!isComposeError(error, 'ENGINE_NOT_FOUND')) throw error
      })
      return
    case 'network:connect': {
      const service = project.services[op.service]
      const endpoint = service === undefined ? undefined : endpointFor(project, service, op.number, op.target.name, op.network)
      await connectNetwork(client, op.network, resolve(state, op.target), { ...(endpoint === undefined ? {} : { endpoint }), ...sig })
      return
    }
    case 'volume:create': {
      const cfg = project.volumes[op.key] ?? {}
      progress(state, `Volume ${op.name}`, 'Creating')
      await createVolume(
        client,
        {
          Name: op.name,
          ...(cfg.driver === undefined ? {} : { Driver: cfg.driver }),
          ...(cfg.driver_opts === undefined ? {} : { DriverOpts: cfg.driver_opts }),
          Labels: { ...(cfg.labels ?? {}), [PROJECT_LABEL]: project.name, [VOLUME_LABEL]: op.key, [VERSION_LABEL]: ctx.labels?.version ?? COMPOSE_VERSION, [CONFIG_HASH_LABEL]: volumeHash(cfg, op.name) },
        },
        sig,
      )
      progress(state, `Volume ${op.name}`, 'Created')
      return
    }
    case 'volume:remove':
      progress(state, `Volume ${op.name}`, 'Removing')
      await removeVolume(client, op.name, { ...sig, ...(op.force === undefined ? {} : { force: op.force }) })
      progress(state, `Volume ${op.name}`, 'Removed')
      return
    case 'image:remove':
      progress(state, `Image ${op.name}`, 'Removing')
      await removeImage(client, op.name, sig)
      progress(state, `Image ${op.name}`, 'Removed')
      return
    case 'container:create': {
      const service = project.services[op.service] as ServiceConfig
      const ids = Object.fromEntries(Object.entries(op.refs).map(([s, t]) => [s, resolve(state, t)]))
      const imageId = state.images[imageName(project, service)] ?? undefined
      const spec = toCreateSpec(
        {
          project,
          service,
          number: op.number,
          name: op.name,
          ...(imageId === undefined ? {} : { imageId }),
          refs: ids,
          configHash: serviceHash(service, ids),
          labels: ctx.labels ?? {},
          ...(op.inherit === undefined ? {} : { inherit: op.inherit }),
          ...(op.replaces === undefined ? {} : { replaces: op.replaces }),
        },
        op.createName,
      )
      const draft = { project, service, number: op.number, spec }
      await callHook(ctx, 'container:create', draft)
      for (const message of draft.spec.warnings) ctx.emit?.({ type: 'warning', message })
      if (service.healthcheck !== undefined && service.healthcheck.disable !== true && draft.spec.body.Healthcheck === undefined) {
        ctx.emit?.({ type: 'warning', message: `service "${service.name}": healthcheck ignored (no plugin translated it; is compose:health disabled?)` })
      }
      for (const [attr, hook] of [['post_start', 'container:start'], ['pre_stop', 'container:stop']] as const) {
        if ((service[attr]?.length ?? 0) > 0 && ctx.hooks?.has(hook) !== true) ctx.emit?.({ type: 'warning', message: `service "${service.name}": ${attr} hooks ignored (no plugin runs them; is compose:lifecycle-hooks disabled?)` })
      }
      const id = `Container ${op.name}`
      progress(state, id, op.replaces === undefined ? 'Creating' : 'Recreate')
      const networks = [draft.spec.body.HostConfig?.NetworkMode, ...Object.keys(draft.spec.body.NetworkingConfig?.EndpointsConfig ?? {})]
      const created = await settlingAmbiguous(state, networks, () =>
        createContainer(client, draft.spec.body, { name: draft.spec.name, ...(draft.spec.platform === undefined ? {} : { platform: draft.spec.platform }), ...sig }),
      )
      state.created.set(node.id, created.Id)
      try {
        for (const extra of draft.spec.extraNetworks) {
          await settlingAmbiguous(state, [extra.network], () => connectNetwork(client, extra.network, created.Id, { endpoint: extra.endpoint, ...sig }))
        }
        if (draft.spec.files.length > 0) await putContainerArchive(client, created.Id, '/', writeTar(injectedEntries(draft.spec.files)), sig)
      } catch (error) {
        await removeContainer(client, created.Id, { force: true }).catch(() => undefined)
        throw error
      }
      for (const w of created.Warnings ?? []) ctx.emit?.({ type: 'warning', message: `service "${service.name}": ${w}` })
      progress(state, id, op.replaces === undefined ? 'Created' : 'Recreated')
      await callHook(ctx, 'container:created', ref(op.service, created.Id, op.name))
      return
    }
    case 'container:rename':
      await renameContainer(client, resolve(state, op.target), op.name, sig)
      return
    case 'container:start':
    case 'container:unpause':
    case 'container:restart': {
      const cid = resolve(state, op.target)
      const verb = op.type === 'container:start' ? 'Start' : op.type === 'container:unpause' ? 'Unpause' : 'Restart'
      progress(state, `Container ${op.target.name}`, `${verb.replace(/e$/, '')}ing`)
      if (op.type === 'container:start') {
        if (node.cause === 'paused') await unpauseContainer(client, cid, sig)
        else {
          // an existing container gets its secrets and configs again (one made by this plan has them)
          const service = project.services[op.service]
          const files = 'id' in op.target && service !== undefined ? injectedFiles(project, service) : []
          if (files.length > 0) await putContainerArchive(client, cid, '/', writeTar(injectedEntries(files)), sig)
          // another `up` of the project may have made a network of the same name since the create
          const networks = service === undefined || service.network_mode !== undefined ? [] : Object.keys(service.networks ?? { default: null }).map((key) => networkName(project, key))
          await settlingAmbiguous(state, networks, () => startContainer(client, cid, sig))
          await lifecycle(state, 'container:start', op.service, cid, op.target.name, node.cause)
        }
      } else if (op.type === 'container:unpause') await unpauseContainer(client, cid, sig)
      else {
        await lifecycle(state, 'container:stop', op.service, cid, op.target.name, node.cause)
        await restartContainer(client, cid, { ...sig, ...(op.timeout === undefined ? {} : { timeout: op.timeout }) })
        await lifecycle(state, 'container:start', op.service, cid, op.target.name, node.cause)
      }
      progress(state, `Container ${op.target.name}`, `${verb.replace(/e$/, '')}ed`)
      await callHook(ctx, 'container:started', ref(op.service, cid, op.target.name))
      return
    }
    case 'container:stop':
    case 'container:kill':
    case 'container:pause': {
      const cid = resolve(state, op.target)
      const [doing, done] = op.type === 'container:stop' ? ['Stopping', 'Stopped'] : op.type === 'container:kill' ? ['Killing', 'Killed'] : ['Pausing', 'Paused']
      progress(state, `Container ${op.target.name}`, doing)
      if (op.type === 'container:stop') await lifecycle(state, 'container:stop', op.service, cid, op.target.name, node.cause)
      if (op.type === 'container:stop') await stopContainer(client, cid, { ...sig, ...(op.timeout === undefined ? {} : { timeout: op.timeout }) })
      else if (op.type === 'container:kill') await killContainer(client, cid, { ...sig, ...(op.signal === undefined ? {} : { killSignal: op.signal }) })
      else await pauseContainer(client, cid, sig)
      progress(state, `Container ${op.target.name}`, done)
      await callHook(ctx, 'container:stopped', ref(op.service, cid, op.target.name))
      return
    }
    case 'container:remove': {
      const cid = resolve(state, op.target)
      progress(state, `Container ${op.target.name}`, 'Removing')
      await removeContainer(client, cid, { ...sig, ...(op.volumes === undefined ? {} : { volumes: op.volumes }), ...(op.force === undefined ? {} : { force: op.force }) })
      progress(state, `Container ${op.target.name}`, 'Removed')
      await callHook(ctx, 'container:removed', ref(op.service, cid, op.target.name))
      return
    }
    case 'service:pre-start': {
      const service = project.services[op.service] as ServiceConfig
      const refs = Object.fromEntries(Object.entries(op.refs).map(([s, t]) => [s, resolve(state, t)]))
      progress(state, `Service ${op.service}`, 'Preparing', 'pre_start hooks')
      await runPreStart({ client, project, service, replica: resolve(state, op.target), refs, ctx })
      progress(state, `Service ${op.service}`, 'Prepared', 'pre_start hooks')
      return
    }
    case 'service:wait': {
      const containers = op.containers.map((t) => resolve(state, t))
      progress(state, `Service ${op.service}`, 'Waiting', op.condition)
      try {
        await callHook(ctx, 'service:ready', { client, project, service: op.service, condition: op.condition, containers, ...(op.dependent === undefined ? {} : { dependent: op.dependent }) })
      } catch (error) {
        if (op.required) throw error
        ctx.emit?.({ type: 'warning', message: `optional dependency ${op.service} of ${op.dependent ?? '?'} not ready: ${error instanceof Error ? error.message : String(error)}` })
      }
      progress(state, `Service ${op.service}`, op.condition === 'service_completed_successfully' ? 'Exited' : op.condition === 'service_started' ? 'Started' : 'Healthy')
      return
    }
  }
}
