/**
 * Attributes the Engine API 1.41 create call cannot express, or that only swarm honours: each
 * one set gets a warning naming it (never silence). Table-driven, one row per attribute.
 */
import type { ServiceConfig } from '../model/project.ts'

const RULES: readonly (readonly [string, (s: ServiceConfig) => boolean, string])[] = [
  ['annotations', (s) => s.annotations !== undefined, 'needs Engine API 1.43'],
  ['credential_spec', (s) => s.credential_spec !== undefined, 'is for Windows containers only'],
  ['models', (s) => s.models !== undefined, 'is not supported yet'],
  ['provider', (s) => s.provider !== undefined, 'is not supported yet'],
  ['deploy.mode', (s) => s.deploy?.mode !== undefined && s.deploy.mode !== 'replicated', 'is swarm-only'],
  ['deploy.placement', (s) => s.deploy?.placement !== undefined, 'is swarm-only'],
  ['deploy.update_config', (s) => s.deploy?.update_config !== undefined, 'is swarm-only'],
  ['deploy.rollback_config', (s) => s.deploy?.rollback_config !== undefined, 'is swarm-only'],
  ['deploy.endpoint_mode', (s) => s.deploy?.endpoint_mode !== undefined, 'is swarm-only'],
  ['deploy.labels', (s) => s.deploy?.labels !== undefined, 'are swarm service labels'],
]

export function unsupportedWarnings(service: ServiceConfig): string[] {
  return RULES.filter(([, when]) => when(service)).map(([attr, , why]) => `${attr} ${why}; ignored`)
}
