/**
 * Engine-side names (compose-features.md 4.2): containers `<project>-<service>-<n>` (or
 * `container_name`), networks/volumes/secrets/configs `<project>_<key>` (an underscore even in
 * v2), default image `<project>-<service>`.
 */
import type { NetworkConfig, Project, ServiceConfig, VolumeConfig } from '../model/project.ts'

/** What the names depend on: the project's name, and `--compatibility`. */
export type Naming = Pick<Project, 'name' | 'compatibility'>

/**
 * Separator between project, service and number in container names (`api.Separator`): `-`,
 * or `_` as docker-compose v1 named them with `--compatibility` / COMPOSE_COMPATIBILITY.
 */
export function separator(project: Naming): '-' | '_' {
  return project.compatibility === true ? '_' : '-'
}

export function containerName(project: Naming, service: ServiceConfig, number: number): string {
  if (service.container_name !== undefined && service.container_name !== '') return service.container_name
  const sep = separator(project)
  return `${project.name}${sep}${service.name}${sep}${number}`
}

/** The `com.docker.compose.replace` label of a replacement: `container_name`, else `<service>-<n>`. */
export function replacedName(project: Naming, service: ServiceConfig, number: number): string {
  if (service.container_name !== undefined && service.container_name !== '') return service.container_name
  return `${service.name}${separator(project)}${number}`
}

/** The temporary name a replacement takes until the old container is gone (v5). */
export function replacementName(oldId: string, finalName: string): string {
  return `${oldId.slice(0, 12)}_${finalName}`
}

/** `<project>_<key>`: the default engine name of networks, volumes, secrets and configs. */
export function resourceName(project: string, key: string): string {
  return `${project}_${key}`
}

/** The engine name of a network: `name:` verbatim, the key for external ones, else `<project>_<key>`. */
export function networkName(project: Project, key: string): string {
  const config: NetworkConfig | undefined = project.networks[key]
  if (config?.name !== undefined && config.name !== '') return config.name
  if (config?.external === true) return key
  return resourceName(project.name, key)
}

export function volumeName(project: Project, key: string): string {
  const config: VolumeConfig | undefined = project.volumes[key]
  if (config?.name !== undefined && config.name !== '') return config.name
  if (config?.external === true) return key
  return resourceName(project.name, key)
}

/** The image a service runs: `image:`, or `<project>-<service>` when it is built. */
export function imageName(project: Naming, service: ServiceConfig): string {
  if (service.image !== undefined && service.image !== '') return service.image
  return `${project.name}${separator(project)}${service.name}`
}

/** Name shown in progress and log prefixes: the container name minus `<project>-` (or `<project>_`). */
export function displayName(project: string, name: string): string {
  for (const prefix of [`${project}-`, `${project}_`]) if (name.startsWith(prefix)) return name.slice(prefix.length)
  return name
}

/** The engine reports names with a leading `/`. */
export function trimSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name
}
