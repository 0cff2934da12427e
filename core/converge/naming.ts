/**
 * Engine-side names (compose-features.md 4.2): containers `<project>-<service>-<n>` (or
 * `container_name`), networks/volumes/secrets/configs `<project>_<key>` (an underscore even in
 * v2), default image `<project>-<service>`.
 */
import type { NetworkConfig, Project, ServiceConfig, VolumeConfig } from '../model/project.ts'

/** Separator between project, service and number in container names (`api.Separator`). */
export const SEPARATOR = '-'

export function containerName(project: string, service: ServiceConfig, number: number): string {
  if (service.container_name !== undefined && service.container_name !== '') return service.container_name
  return `${project}${SEPARATOR}${service.name}${SEPARATOR}${number}`
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
export function imageName(project: string, service: ServiceConfig): string {
  if (service.image !== undefined && service.image !== '') return service.image
  return `${project}${SEPARATOR}${service.name}`
}

/** Name shown in progress and log prefixes: the container name minus `<project>-`. */
export function displayName(project: string, name: string): string {
  const prefix = `${project}${SEPARATOR}`
  return name.startsWith(prefix) ? name.slice(prefix.length) : name
}

/** The engine reports names with a leading `/`. */
export function trimSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name
}
