/**
 * The networks, volumes, secrets, configs and models that the project's services refer to
 * (compose-go's WithoutUnnecessaryResources). docker compose drops the others from the project
 * it loads unless `--all-resources` is given: `config` does not print them and `up` does not
 * create them.
 */
import type { Project } from './project.ts'

export interface UsedResources {
  networks: Set<string>
  volumes: Set<string>
  secrets: Set<string>
  configs: Set<string>
  models: Set<string>
}

/** What `services` (default: all the project's) refer to, by key. */
export function usedResources(project: Project, services: Iterable<string> = Object.keys(project.services)): UsedResources {
  const used: UsedResources = { networks: new Set(), volumes: new Set(), secrets: new Set(), configs: new Set(), models: new Set() }
  for (const name of services) {
    const s = project.services[name]
    if (s === undefined) continue
    // a service without `networks:` (and no network_mode) is on the default network
    if (s.network_mode === undefined) for (const key of Object.keys(s.networks ?? { default: null })) used.networks.add(key)
    for (const v of s.volumes ?? []) if (v.type === 'volume' && v.source !== undefined && v.source !== '') used.volumes.add(v.source)
    for (const ref of [...(s.secrets ?? []), ...(s.build?.secrets ?? [])]) used.secrets.add(ref.source)
    for (const ref of s.configs ?? []) used.configs.add(ref.source)
    for (const key of Object.keys(s.models ?? {})) used.models.add(key)
  }
  return used
}

/** The project without the resources no service refers to. */
export function withoutUnusedResources(project: Project): Project {
  const used = usedResources(project)
  const keep = <T>(all: Readonly<Record<string, T>>, names: Set<string>): Record<string, T> => Object.fromEntries(Object.entries(all).filter(([key]) => names.has(key)))
  return {
    ...project,
    networks: keep(project.networks, used.networks),
    volumes: keep(project.volumes, used.volumes),
    secrets: keep(project.secrets, used.secrets),
    configs: keep(project.configs, used.configs),
    ...(project.models === undefined ? {} : { models: keep(project.models, used.models) }),
  }
}
