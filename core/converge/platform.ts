/**
 * A service's platform: its own `platform`, else DOCKER_DEFAULT_PLATFORM from the project
 * environment. docker compose uses that default to pull, build and create (compose-features.md 1.2);
 * it does not enter the config hash.
 */
import type { Project, ServiceConfig } from '../model/project.ts'

export function servicePlatform(project: Pick<Project, 'environment'>, service: Pick<ServiceConfig, 'platform'>): string | undefined {
  if (service.platform !== undefined && service.platform !== '') return service.platform
  const fallback = project.environment?.DOCKER_DEFAULT_PLATFORM
  return fallback === undefined || fallback === '' ? undefined : fallback
}

/** `{ platform }` for a call's options, or nothing (exact optional properties). */
export function platformOption(platform: string | undefined): { platform?: string } {
  return platform === undefined ? {} : { platform }
}
