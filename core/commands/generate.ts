/**
 * `alpha generate` (docker compose pkg/compose/generate.go): a compose model written from
 * existing containers, found by name or ID. One service per container, or per compose service
 * when the containers carry compose labels (their count becomes `scale`), with the image, labels
 * (compose's own left out), environment, healthcheck, ports, networks (with aliases),
 * volumes and bind mounts; a bind mount under /run/secrets becomes a file secret.
 */
import { formatDuration } from '../loader/normalize/durations.ts'
import { inspectContainer, listContainers } from '../engine/api/containers.ts'
import { inspectNetwork } from '../engine/api/networks.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ContainerInspect } from '../engine/types.ts'
import { ComposeError } from '../errors.ts'
import type { HealthCheckConfig, NetworkConfig, Project, SecretConfig, ServiceConfig, ServiceVolumeConfig, VolumeConfig } from '../model/project.ts'
import { SERVICE_LABEL } from '../converge/labels.ts'
import { canonicalName } from './_read.ts'

export interface GenerateOptions {
  /** Container names or IDs (at least one). */
  containers: string[]
  /** `--name`: the project name written in the model. */
  projectName?: string
  signal?: AbortSignal
}

export async function generate(client: EngineClient, options: GenerateOptions): Promise<Project> {
  if (options.containers.length === 0) throw new ComposeError('CLI_USAGE', 'at least one container must be specified')
  const sig = options.signal === undefined ? {} : { signal: options.signal }
  const [byName, byId] = await Promise.all([
    listContainers(client, { all: true, filters: { name: options.containers }, ...sig }),
    listContainers(client, { all: true, filters: { id: options.containers }, ...sig }),
  ])
  const containers = [...byName, ...byId.filter((c) => !byName.some((n) => n.Id === c.Id))]
  if (containers.length === 0) throw new ComposeError('ENGINE_NOT_FOUND', `no container(s) found with the following name(s): ${options.containers.join(',')}`)
  const project: Project = { name: options.projectName ?? '', services: {}, networks: {}, volumes: {}, secrets: {}, configs: {} }
  for (const c of containers) {
    const name = c.Labels?.[SERVICE_LABEL] ?? canonicalName(c)
    const existing = project.services[name]
    const service: ServiceConfig = existing ?? { name, image: c.Image, labels: withoutComposeLabels(c.Labels ?? {}) }
    service.scale = (service.scale ?? 0) + 1
    project.services[name] = service
    const inspect = await inspectContainer(client, c.Id, sig).catch(() => undefined)
    if (inspect !== undefined) await describe(client, service, inspect, project, sig)
  }
  return project
}

function withoutComposeLabels(labels: Record<string, string>): Record<string, string> | undefined {
  const kept = Object.entries(labels).filter(([k]) => !k.startsWith('com.docker.compose.') && !k.startsWith('desktop.docker.io'))
  return kept.length === 0 ? undefined : Object.fromEntries(kept)
}

async function describe(client: EngineClient, service: ServiceConfig, inspect: ContainerInspect, project: Project, sig: { signal?: AbortSignal }): Promise<void> {
  const env = inspect.Config.Env ?? []
  if (env.length > 0) {
    service.environment = Object.fromEntries(env.map((e) => {
      const eq = e.indexOf('=')
      return eq === -1 ? [e, null] : [e.slice(0, eq), e.slice(eq + 1)]
    }))
  }
  const health = inspect.Config.Healthcheck
  if (health !== undefined && health !== null) service.healthcheck = healthcheckOf(health)
  for (const m of inspect.Mounts ?? []) {
    const target = m.Destination
    if (m.Type === 'volume' && m.Name !== undefined) {
      const volume: VolumeConfig = m.Driver !== undefined && m.Driver !== 'local' ? { driver: m.Driver, name: m.Name } : {}
      project.volumes[m.Name] = volume
      ;(service.volumes ??= []).push({ type: 'volume', source: m.Name, target, ...(m.RW ? {} : { read_only: true }) })
    } else if (m.Type === 'bind' && target.startsWith('/run/secrets')) {
      const secretName = target.split('/').pop() ?? target
      const secret: SecretConfig = { name: secretName, file: m.Source.replace(/^\/host_mnt/, '') }
      project.secrets[secretName] = secret
      ;(service.secrets ??= []).push({ source: secretName, target })
    } else if (m.Type === 'bind') {
      const bind: ServiceVolumeConfig = { type: 'bind', source: m.Source, target, ...(m.RW ? {} : { read_only: true }) }
      ;(service.volumes ??= []).push(bind)
    }
  }
  for (const [network, endpoint] of Object.entries(inspect.NetworkSettings?.Networks ?? {})) {
    const info = await inspectNetwork(client, network, sig).catch(() => undefined)
    const config: NetworkConfig = info?.Internal === true ? { internal: true } : {}
    project.networks[network] = config
    service.networks = { ...service.networks, [network]: endpoint.Aliases === null || endpoint.Aliases === undefined || endpoint.Aliases.length === 0 ? null : { aliases: endpoint.Aliases } }
  }
  for (const [key, bindings] of Object.entries(inspect.HostConfig.PortBindings ?? {})) {
    const [port = '', protocol = 'tcp'] = key.split('/')
    for (const b of bindings ?? []) {
      ;(service.ports ??= []).push({ mode: 'ingress', target: Number(port), ...(b.HostPort === undefined || b.HostPort === '' ? {} : { published: b.HostPort }), protocol, ...(b.HostIp === undefined || b.HostIp === '' ? {} : { host_ip: b.HostIp }) })
    }
  }
}

function healthcheckOf(h: NonNullable<ContainerInspect['Config']['Healthcheck']>): HealthCheckConfig {
  const out: HealthCheckConfig = {}
  if (h.Test !== undefined) out.test = h.Test
  if (h.Timeout !== undefined && h.Timeout !== 0) out.timeout = formatDuration(h.Timeout)
  if (h.Interval !== undefined && h.Interval !== 0) out.interval = formatDuration(h.Interval)
  if (h.StartPeriod !== undefined && h.StartPeriod !== 0) out.start_period = formatDuration(h.StartPeriod)
  if (h.Retries !== undefined && h.Retries !== 0) out.retries = h.Retries
  return out
}
