/**
 * The config hash stored in `com.docker.compose.config-hash` (compose-features.md 4.3): the
 * sha256 of the service as docker compose's `json.Marshal(types.ServiceConfig)` writes it, after
 * clearing `build`, `pull_policy`, `scale`, `deploy.replicas`, `depends_on` and `profiles`, with
 * `service:x` references (network_mode, ipc, pid, volumes_from) rewritten to concrete container
 * IDs. So it changes exactly when a change needs a new container: the fields cleared are the
 * ones that never do (scale is reconciled by count, depends_on by ordering, build/pull by the
 * image label), and a recreated parent changes its children's hash.
 *
 * Matching docker compose: the JSON follows compose-go's struct order and tags (./_go-types.ts),
 * so for a service our loader normalises the way compose-go does, the hash is the same and
 * switching tools recreates nothing. Where the normalised models differ (an attribute one loader
 * fills in by default and the other does not, `develop`, legacy fields), the hashes differ and
 * the first `up` with the other tool recreates that service's containers once — the same thing
 * that happens between docker compose releases; data in named volumes is kept, anonymous volumes
 * are carried over to the new container.
 */
import { createHash } from 'node:crypto'
import type { NetworkConfig, ServiceConfig, VolumeConfig } from '../model/project.ts'
import { encodeStruct } from './_go-json.ts'
import { NETWORK_FIELDS, SERVICE_FIELDS, VOLUME_FIELDS } from './_go-types.ts'

/** service name → ID of the container that `service:x` references resolve to (its lowest number). */
export type ServiceContainerIds = Readonly<Record<string, string>>

/** Rewrites `service:x` references to `container:<id>` as docker compose does before hashing and creating. */
export function resolveServiceReferences(service: ServiceConfig, ids: ServiceContainerIds): ServiceConfig {
  const mode = (value: string | undefined): string | undefined => {
    if (value?.startsWith('service:') !== true) return value
    const id = ids[value.slice('service:'.length)]
    return id === undefined ? value : `container:${id}`
  }
  const out: ServiceConfig = { ...service }
  if (service.network_mode !== undefined) out.network_mode = mode(service.network_mode)
  if (service.ipc !== undefined) out.ipc = mode(service.ipc)
  if (service.pid !== undefined) out.pid = mode(service.pid)
  if (service.volumes_from !== undefined) {
    out.volumes_from = service.volumes_from.map((from) => {
      const [name = '', ...rest] = from.split(':')
      if (name === 'container') return rest[0] ?? from
      // docker compose keeps only the ID here (the access mode is dropped from the hashed form)
      return ids[name] ?? from
    })
  }
  return out
}

/** The JSON docker compose hashes (exported for `config --hash` debugging and tests). */
export function hashInput(service: ServiceConfig): string {
  const o: Record<string, unknown> = { ...service }
  delete o.build
  delete o.pull_policy
  delete o.scale
  delete o.depends_on
  delete o.profiles
  if (service.deploy !== undefined) {
    const deploy: Record<string, unknown> = { ...service.deploy }
    delete deploy.replicas
    o.deploy = deploy
  }
  return encodeStruct(SERVICE_FIELDS, o)
}

/** Lowercase hex sha256 of the service, references resolved with `ids`. */
export function serviceHash(service: ServiceConfig, ids: ServiceContainerIds = {}): string {
  return sha256(hashInput(resolveServiceReferences(service, ids)))
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * Makes the first hash cheap: a caller with time to spare (waiting on the engine) calls it
 * before the hashes are needed. In the CLI bundle node:crypto is loaded on first use.
 */
export function prepareHashing(): void {
  sha256('')
}

/**
 * The config hash docker compose labels a network with (pkg/compose/hash.go NetworkHash:
 * `json.Marshal(types.NetworkConfig)`, engine name included); `up` recreates a project network
 * whose label differs. `name` is the engine-side name.
 */
export function networkHash(network: NetworkConfig, name: string): string {
  return sha256(encodeStruct(NETWORK_FIELDS, { ...network, name }))
}

/** The config hash of a volume (VolumeHash: the driver defaults to `local` first). */
export function volumeHash(volume: VolumeConfig, name: string): string {
  return sha256(encodeStruct(VOLUME_FIELDS, { ...volume, name, driver: volume.driver === undefined || volume.driver === '' ? 'local' : volume.driver }))
}
