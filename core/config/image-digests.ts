/**
 * `config --resolve-image-digests` and `--lock-image-digests` (docker compose cmd/compose/
 * config.go): every service image is pinned to the digest its registry gives for it, written as
 * distribution/reference's ParseDockerRef writes a reference (`busybox` →
 * `docker.io/library/busybox:latest@sha256:…`). A reference that already has a digest is only
 * normalized. The lock form keeps nothing but the services' images, as an override file.
 */
import type { Project, ServiceConfig } from '../model/project.ts'

export interface ImageRef {
  /** `domain/path`, normalized (`docker.io/library/busybox`). */
  name: string
  tag?: string
  digest?: string
}

/** A reference as ParseDockerRef normalizes it: the Docker Hub domain and `library/`, `latest` unless there is a digest (which drops the tag). */
export function parseDockerRef(ref: string): ImageRef {
  let rest = ref
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const slash = rest.indexOf('/')
  const first = slash === -1 ? '' : rest.slice(0, slash)
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  let domain = hasDomain ? first : 'docker.io'
  let path = hasDomain ? rest.slice(slash + 1) : rest
  if (domain === 'index.docker.io') domain = 'docker.io'
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`
  const name = `${domain}/${path}`
  if (digest !== undefined) return { name, digest }
  return { name, tag: tag ?? 'latest' }
}

export function formatRef(ref: ImageRef): string {
  return `${ref.name}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`
}

/** Gives the registry's digest for a reference (`name:tag`). */
export type DigestResolver = (ref: string) => Promise<string>

/** The project with every service image pinned to its digest (compose-go WithImagesResolved). */
export async function withImagesResolved(project: Project, resolve: DigestResolver): Promise<Project> {
  const services: Record<string, ServiceConfig> = {}
  await Promise.all(
    Object.entries(project.services).map(async ([key, service]) => {
      if (service.image === undefined || service.image === '') {
        services[key] = service
        return
      }
      const ref = parseDockerRef(service.image)
      if (ref.digest === undefined) ref.digest = await resolve(formatRef(ref))
      services[key] = { ...service, image: formatRef(ref) }
    }),
  )
  return { ...project, services: Object.fromEntries(Object.keys(project.services).map((k) => [k, services[k] as ServiceConfig])) }
}

/** The lock file: only each service's image and its `type: image` volumes. */
export function imagesOnly(project: Project): Project {
  const services: Record<string, ServiceConfig> = {}
  for (const [key, service] of Object.entries(project.services)) {
    const volumes = (service.volumes ?? []).filter((v) => v.type === 'image')
    services[key] = { name: service.name, ...(service.image === undefined ? {} : { image: service.image }), ...(volumes.length > 0 ? { volumes } : {}) }
  }
  return { name: '', services, networks: {}, volumes: {}, secrets: {}, configs: {} }
}

/** Services whose `pre_start` hooks name an image, which a lock file cannot pin (docker compose warns). */
export function unlockableHookImages(project: Project): string[] {
  return Object.entries(project.services)
    .filter(([, s]) => (s.pre_start ?? []).some((h) => h.image !== undefined && h.image !== ''))
    .map(([name]) => name)
}
