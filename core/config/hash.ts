/**
 * The `com.docker.compose.config-hash` of a service, computed as docker compose does
 * (`pkg/compose/hash.go`): sha256 of the compact JSON of the service with `build`,
 * `pull_policy`, `scale`, `deploy.replicas`, `depends_on` and `profiles` cleared, JSON written
 * in compose-go's struct field order with Go's `omitempty` rules and HTML escaping.
 *
 * It matches docker compose when our normalized service is field-for-field the one compose-go
 * builds (same resolved environment, same absolute paths, same `container:<id>` references);
 * any difference makes `up` recreate the container, it never leaves a stale one.
 */
import { createHash } from 'node:crypto'
import type { ServiceConfig } from '../model/project.ts'
import { SERVICE_SHAPE } from './_shapes.ts'
import { goJson } from './go-json.ts'
import { renderValue } from './to-document.ts'

export function serviceConfigHash(service: ServiceConfig): string {
  const { build: _build, pull_policy: _pull, scale: _scale, depends_on: _deps, profiles: _profiles, ...rest } = service
  const copy: ServiceConfig = { ...rest, name: service.name }
  if (service.deploy !== undefined) {
    const { replicas: _replicas, ...deploy } = service.deploy
    copy.deploy = deploy
  }
  const json = goJson(renderValue(copy, SERVICE_SHAPE, 'json'))
  return createHash('sha256').update(json).digest('hex')
}
