/**
 * `images`: the images the project's containers were created from (docker/compose
 * pkg/compose/images.go), one row per container, each image inspected once. An image that is
 * gone from the store is reported from what the container knows.
 */
import { inspectImage } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ImageInspect } from '../engine/types.ts'
import { isComposeError } from '../errors.ts'
import { projectFilter } from '../converge/labels.ts'
import type { RunContext } from '../converge/run-context.ts'
import { listContainers } from '../engine/api/containers.ts'
import { canonicalName, checkServices, projectNameOf, serviceOfContainer, type ProjectRef } from './_read.ts'

export interface ImagesOptions {
  /** Services whose containers count (default all). */
  services?: string[]
}

export interface ImageEntry {
  ContainerName: string
  /** `sha256:…` */
  ID: string
  /** Familiar name (`busybox`, `ghcr.io/x/y`); empty when the container names its image by ID. */
  Repository: string
  Tag: string
  /** `os/arch[/variant]`, `unknown` when the image is gone. */
  Platform: string
  /** Bytes. */
  Size: number
  Created?: Date
  LastTagTime?: Date
}

export async function images(client: EngineClient, ref: ProjectRef, options: ImagesOptions = {}, ctx: RunContext = {}): Promise<ImageEntry[]> {
  const services = options.services ?? []
  checkServices(ref, services)
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const all = await listContainers(client, { all: true, filters: { label: [projectFilter(projectNameOf(ref))] }, ...sig })
  const containers = services.length === 0 ? all : all.filter((c) => services.includes(serviceOfContainer(c)))
  const cache = new Map<string, Promise<ImageInspect | undefined>>()
  const inspect = (name: string): Promise<ImageInspect | undefined> => {
    let p = cache.get(name)
    if (p === undefined) {
      p = inspectImage(client, name, sig).catch((error: unknown) => {
        if (isComposeError(error, 'ENGINE_NOT_FOUND')) return undefined
        throw error
      })
      cache.set(name, p)
    }
    return p
  }
  const rows = await Promise.all(
    containers.map(async (c): Promise<ImageEntry> => {
      const { repository, tag } = familiarReference(c.Image)
      const img = await inspect(c.Image)
      const base = { ContainerName: canonicalName(c), Repository: repository, Tag: tag }
      if (img === undefined) return { ...base, ID: c.ImageID, Platform: 'unknown', Size: 0 }
      const created = toDate(img.Created)
      const tagged = toDate(img.Metadata?.LastTagTime)
      return {
        ...base,
        ID: img.Id,
        Platform: formatPlatform(img.Os, img.Architecture, img.Variant),
        Size: img.Size,
        ...(created === undefined ? {} : { Created: created }),
        ...(tagged === undefined ? {} : { LastTagTime: tagged }),
      }
    }),
  )
  return rows.sort((a, b) => (a.ContainerName < b.ContainerName ? -1 : a.ContainerName > b.ContainerName ? 1 : 0))
}

/** `busybox` / `latest` for `busybox`, `docker.io/library/busybox:latest`; nothing for an image ID. */
export function familiarReference(image: string): { repository: string; tag: string } {
  if (/^(sha256:)?[0-9a-f]{64}$/.test(image)) return { repository: '', tag: '' }
  let name = image
  let digest = false
  const at = name.indexOf('@')
  if (at >= 0) {
    name = name.slice(0, at)
    digest = true
  }
  let tag = ''
  const colon = name.lastIndexOf(':')
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1)
    name = name.slice(0, colon)
  }
  if (tag === '' && !digest) tag = 'latest'
  for (const prefix of ['docker.io/', 'index.docker.io/']) if (name.startsWith(prefix)) name = name.slice(prefix.length)
  if (name.startsWith('library/') && name.split('/').length === 2) name = name.slice('library/'.length)
  return { repository: name, tag }
}

/** containerd `platforms.Format`. */
export function formatPlatform(os: string | undefined, arch: string | undefined, variant: string | undefined): string {
  if (os === undefined || os === '') return 'unknown'
  return [os, arch, variant].filter((p) => p !== undefined && p !== '').join('/')
}

function toDate(value: string | undefined): Date | undefined {
  if (value === undefined || value === '' || value.startsWith('0001-01-01')) return undefined
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d
}
