/**
 * A project rebuilt from what the engine holds, for commands run with only a project name and
 * no compose file (compose-features.md 4.17, docker compose's compose.go): the services of the
 * project's containers (image, `depends_on` from its label; one-off containers name no service
 * of their own), and the networks and volumes that carry the project label, under the keys those
 * labels give. Enough for `down`, `stop`, `start`, `restart`, `kill` and `pause`, which act on
 * what exists; nothing here is created.
 */
import { listContainers } from '../engine/api/containers.ts'
import { listNetworks } from '../engine/api/networks.ts'
import { listVolumes } from '../engine/api/volumes.ts'
import type { EngineClient } from '../engine/client.ts'
import type { DependencyCondition, Project, ServiceConfig, ServiceDependency } from '../model/project.ts'
import { DEPENDENCIES_LABEL, HOOK_LABEL, NETWORK_LABEL, ONEOFF_LABEL, projectFilter, SERVICE_LABEL, VOLUME_LABEL, WORKING_DIR_LABEL } from '../converge/labels.ts'

const CONDITIONS: readonly string[] = ['service_started', 'service_healthy', 'service_completed_successfully']

/** The project named `name` as its resources' labels describe it; undefined when nothing carries the name. */
export async function projectFromLabels(client: EngineClient, name: string, signal?: AbortSignal): Promise<Project | undefined> {
  const sig = signal === undefined ? {} : { signal }
  const filters = { label: [projectFilter(name)] }
  const [containers, networks, volumes] = await Promise.all([
    listContainers(client, { all: true, filters, ...sig }),
    listNetworks(client, { filters, ...sig }),
    listVolumes(client, { filters, ...sig }),
  ])
  if (containers.length === 0 && networks.length === 0 && volumes.volumes.length === 0) return undefined
  const services: Record<string, ServiceConfig> = {}
  let workingDir: string | undefined
  for (const c of containers) {
    const labels = c.Labels ?? {}
    workingDir ??= labels[WORKING_DIR_LABEL] || undefined
    const service = labels[SERVICE_LABEL]
    if (service === undefined || service === '' || labels[ONEOFF_LABEL] === 'True' || labels[HOOK_LABEL] !== undefined || services[service] !== undefined) continue
    services[service] = { name: service, image: c.Image, ...dependencies(labels[DEPENDENCIES_LABEL]) }
  }
  // a dependency without containers left is not in the rebuilt project: drop it from the graph
  for (const service of Object.values(services)) {
    for (const dep of Object.keys(service.depends_on ?? {})) if (services[dep] === undefined) delete service.depends_on?.[dep]
  }
  const project: Project = { name, services, networks: {}, volumes: {}, secrets: {}, configs: {}, environment: {} }
  if (workingDir !== undefined) project.workingDir = workingDir
  for (const n of networks) project.networks[n.Labels?.[NETWORK_LABEL] || n.Name] = { name: n.Name }
  for (const v of volumes.volumes) project.volumes[v.Labels?.[VOLUME_LABEL] || v.Name] = { name: v.Name }
  return project
}

/** `db:service_healthy:false,cache:service_started:true` (service:condition:restart), as compose writes it. */
function dependencies(label: string | undefined): Pick<ServiceConfig, 'depends_on'> {
  const out: Record<string, ServiceDependency> = {}
  for (const entry of (label ?? '').split(',')) {
    const [service, condition, restart] = entry.split(':')
    if (service === undefined || service === '') continue
    out[service] = { condition: (CONDITIONS.includes(condition ?? '') ? condition : 'service_started') as DependencyCondition, required: true, ...(restart === 'true' ? { restart: true } : {}) }
  }
  return Object.keys(out).length === 0 ? {} : { depends_on: out }
}
