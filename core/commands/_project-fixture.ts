/** A hand-built Project for the commands' unit tests: services by name, everything else empty. */
import type { Project, ServiceConfig } from '../model/project.ts'

export function projectOf(name: string, services: Record<string, Partial<ServiceConfig>>, options: { defaults?: Partial<ServiceConfig>; extra?: Partial<Project> } = {}): Project {
  return {
    name,
    services: Object.fromEntries(Object.entries(services).map(([key, s]) => [key, { name: key, ...options.defaults, ...s } as ServiceConfig])),
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
    ...options.extra,
  }
}
