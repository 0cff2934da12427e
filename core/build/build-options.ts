/**
 * A service's `build:` section as options of the classic builder (`POST /build`), the way
 * docker compose's `build_classic.go` maps it. What the classic builder cannot do
 * (`secrets`, `ssh`, `additional_contexts`, `privileged`, several platforms) is an error
 * naming the service, as in docker compose; attributes it silently lacks (`cache_to`,
 * `no_cache_filter`, `entitlements`, `provenance`, `sbom`, `ulimits`, `isolation`) give a warning.
 */
import { IMAGE_BUILDER_LABEL, PROJECT_LABEL, SERVICE_LABEL, VERSION_LABEL } from '../converge/labels.ts'
import { imageName } from '../converge/naming.ts'
import type { BuildImageOptions } from '../engine/api/image-build.ts'
import { ComposeError } from '../errors.ts'
import type { BuildConfig, Project, ServiceConfig } from '../model/project.ts'
import { COMPOSE_VERSION } from '../version.ts'
import { servicePlatform } from '../converge/platform.ts'

export interface BuildOverrides {
  /** `--no-cache` */
  noCache?: boolean
  /** `--pull`: always try a newer base image. */
  pull?: boolean
  /** `--build-arg K=V`; `null` (a bare `K`) takes the value from the project environment. */
  buildArgs?: Record<string, string | null>
  /** `--memory` in bytes. */
  memory?: number
}

export interface ClassicBuild {
  /** The image name (`image:` or `<project>-<service>`), tagged first. */
  image: string
  options: BuildImageOptions
  warnings: string[]
}

const UNSUPPORTED: [keyof BuildConfig, string][] = [
  ['secrets', 'build secrets'],
  ['ssh', 'SSH keys'],
  ['additional_contexts', 'additional contexts'],
]

const IGNORED: (keyof BuildConfig)[] = ['cache_to', 'no_cache_filter', 'entitlements', 'provenance', 'sbom', 'ulimits', 'isolation']

const fix = 'the classic Engine builder (POST /build) is the only builder compose drives; remove the attribute or build with `docker buildx bake`'

export function classicBuildOptions(project: Project, service: ServiceConfig, overrides: BuildOverrides = {}): ClassicBuild {
  const build = service.build
  if (build === undefined) throw new ComposeError('BUILD_UNSUPPORTED', `service "${service.name}" has no build section`)
  const where = `service "${service.name}"`
  for (const [key, what] of UNSUPPORTED) {
    if (hasValue(build[key])) throw new ComposeError('BUILD_UNSUPPORTED', `${where}: the classic builder doesn't support ${what} (build.${key})`, { hint: fix })
  }
  if (build.privileged === true) throw new ComposeError('BUILD_UNSUPPORTED', `${where}: the classic builder doesn't support privileged mode (build.privileged)`, { hint: fix })
  const platforms = build.platforms ?? []
  if (platforms.length > 1) throw new ComposeError('BUILD_UNSUPPORTED', `${where}: the classic builder doesn't support multi-arch builds (build.platforms: ${platforms.join(', ')})`, { hint: 'keep one platform' })
  const platform = service.platform ?? platforms[0] ?? servicePlatform(project, service)
  if (service.platform !== undefined && platforms.length > 0 && !platforms.includes(service.platform)) {
    throw new ComposeError('BUILD_UNSUPPORTED', `${where}: build.platforms must include the service platform ${service.platform}`)
  }
  const warnings = IGNORED.filter((k) => hasValue(build[k])).map((k) => `${where}: build.${k} is ignored by the classic builder`)

  const image = imageName(project, service)
  const tags = [...new Set([image, ...(build.tags ?? [])])]
  const args: Record<string, string> = {}
  for (const [k, v] of Object.entries(build.args ?? {})) if (v !== null) args[k] = v
  for (const [k, v] of Object.entries(overrides.buildArgs ?? {})) {
    const value = v ?? project.environment?.[k]
    if (value !== undefined) args[k] = value
  }
  const cacheFrom: string[] = []
  for (const entry of build.cache_from ?? []) {
    const ref = cacheRef(entry)
    if (ref === undefined) warnings.push(`${where}: cache_from "${entry}" is ignored by the classic builder (image references only)`)
    else cacheFrom.push(ref)
  }
  const extraHosts = Object.entries(build.extra_hosts ?? {}).flatMap(([host, ips]) => ips.map((ip) => `${host}:${ip}`))
  const labels: Record<string, string> = {
    ...build.labels,
    [PROJECT_LABEL]: project.name,
    [SERVICE_LABEL]: service.name,
    [VERSION_LABEL]: COMPOSE_VERSION,
    [IMAGE_BUILDER_LABEL]: 'classic',
  }
  const options: BuildImageOptions = {
    tags,
    labels,
    rm: true,
    forceRm: true,
    ...(Object.keys(args).length > 0 ? { buildArgs: args } : {}),
    ...(build.target === undefined ? {} : { target: build.target }),
    ...(cacheFrom.length > 0 ? { cacheFrom } : {}),
    ...(build.network === undefined ? {} : { networkMode: build.network }),
    ...(build.shm_size === undefined ? {} : { shmSize: build.shm_size }),
    ...(extraHosts.length > 0 ? { extraHosts } : {}),
    ...(build.pull === true || overrides.pull === true ? { pull: true } : {}),
    ...(build.no_cache === true || overrides.noCache === true ? { noCache: true } : {}),
    ...(platform === undefined ? {} : { platform }),
    ...(overrides.memory === undefined ? {} : { memory: overrides.memory }),
  }
  return { image, options, warnings }
}

/** `ref` or `type=registry,ref=ref` → ref; other buildx cache types → undefined. */
function cacheRef(entry: string): string | undefined {
  if (!entry.includes('=')) return entry
  const fields = Object.fromEntries(entry.split(',').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]))
  return fields.type === 'registry' && fields.ref !== undefined ? fields.ref : undefined
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}
