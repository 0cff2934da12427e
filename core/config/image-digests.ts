/**
 * `config --resolve-image-digests` and `--lock-image-digests` (docker compose cmd/compose/
 * config.go): every service image is pinned to the digest its registry gives for it, written as
 * distribution/reference's ParseDockerRef writes a reference (`busybox` →
 * `docker.io/library/busybox:latest@sha256:…`). A reference that already has a digest is only
 * normalized. The lock form keeps nothing but the services' images, as an override file.
 */
import { formatRef, parseDockerRef } from '../engine/image-ref.ts'
import type { Project, ServiceConfig } from '../model/project.ts'

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
