/**
 * Image endpoints: list, inspect, pull, push, tag, remove, import, commit; build lives in
 * ./image-build.ts (re-exported). Pull, push and import come in two forms: `…Progress` gives the
 * progress messages as they arrive (throwing on an in-band error), and the plain call resolves
 * only when the work is complete.
 */
import type { EngineClient } from '../client.ts'
import { ComposeError } from '../../errors.ts'
import { encodeRegistryHeader } from '../auth.ts'
import { progress, type ProgressMessage } from '../ndjson.ts'
import type { AuthConfig, ContainerConfig, EngineFilters, ImageDeleteItem, ImageIdResponse, ImageInspect, ImageSummary, PruneResponse } from '../types.ts'
import { drainProgress, type ProgressObserver } from './_progress.ts'
import { encodeFilters, seg, withSignal, type Abortable } from './_shared.ts'

export * from './image-build.ts'
export type { ProgressMessage } from '../ndjson.ts'
export type { ProgressObserver } from './_progress.ts'

const what = (name: string): string => `image "${name}"`

export interface ListImagesOptions extends Abortable {
  all?: boolean
  digests?: boolean
  /** `before`, `dangling`, `label`, `reference`, `since`. */
  filters?: EngineFilters
}

export function listImages(client: EngineClient, options: ListImagesOptions = {}): Promise<ImageSummary[]> {
  return client.json<ImageSummary[]>({
    method: 'GET',
    path: '/images/json',
    query: { all: options.all, digests: options.digests, filters: encodeFilters(options.filters) },
    ...withSignal(options),
  })
}

export function inspectImage(client: EngineClient, name: string, options: Abortable = {}): Promise<ImageInspect> {
  return client.json<ImageInspect>({ method: 'GET', path: `/images/${seg(name)}/json`, ...withSignal(options) }, { what: what(name) })
}

/** What the registry says of an image reference (`GET /distribution/{name}/json`). */
export interface DistributionInspect {
  /** The manifest (or, for several platforms, the index) the reference points at. */
  Descriptor: { mediaType: string; digest: string; size: number }
  Platforms?: { architecture: string; os: string; variant?: string }[]
}

/** Asks the registry, through the engine, which manifest a reference points at (nothing is pulled). */
export function inspectDistribution(client: EngineClient, ref: string, options: Abortable & { auth?: AuthConfig } = {}): Promise<DistributionInspect> {
  return client.json<DistributionInspect>(
    {
      method: 'GET',
      path: `/distribution/${seg(ref)}/json`,
      headers: options.auth === undefined ? {} : { 'x-registry-auth': encodeRegistryHeader(options.auth) },
      ...withSignal(options),
    },
    { what: `resolving ${what(ref)}` },
  )
}

/** Splits `repo[:tag][@digest]` into what `fromImage` and `tag` expect (tag defaults to `latest`). */
export function splitImageRef(ref: string): { repo: string; tag: string } {
  const at = ref.indexOf('@')
  if (at !== -1) return { repo: ref.slice(0, at), tag: ref.slice(at + 1) }
  const colon = ref.lastIndexOf(':')
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) }
  return { repo: ref, tag: 'latest' }
}

export interface PullImageOptions extends Abortable {
  /** `os[/arch[/variant]]`. */
  platform?: string
  /** Registry credentials (see ../auth.ts `resolveRegistryAuth`); anonymous without. */
  auth?: AuthConfig
}

export async function pullImageProgress(client: EngineClient, ref: string, options: PullImageOptions = {}): Promise<AsyncIterable<ProgressMessage>> {
  const { repo, tag } = splitImageRef(ref)
  const res = await client.request(
    {
      method: 'POST',
      path: '/images/create',
      query: { fromImage: repo, tag, platform: options.platform },
      headers: options.auth === undefined ? {} : { 'x-registry-auth': encodeRegistryHeader(options.auth) },
      ...withSignal(options),
    },
    { what: `pulling ${what(ref)}` },
  )
  return progress(res.body, `pulling ${what(ref)}`)
}

/** Pulls an image and resolves with it once it is in the engine's store. */
export async function pullImage(client: EngineClient, ref: string, options: PullImageOptions & { onProgress?: ProgressObserver } = {}): Promise<ImageInspect> {
  await drainProgress(await pullImageProgress(client, ref, options), options.onProgress)
  return inspectImage(client, ref, withSignal(options))
}

/** A ref without a tag pushes every tag of the repository. */
export interface PushImageOptions extends Abortable {
  auth?: AuthConfig
}

export async function pushImageProgress(client: EngineClient, ref: string, options: PushImageOptions = {}): Promise<AsyncIterable<ProgressMessage>> {
  const at = ref.indexOf('@')
  const colon = ref.lastIndexOf(':')
  const tagged = at === -1 && colon > ref.lastIndexOf('/')
  const name = tagged ? ref.slice(0, colon) : ref
  const res = await client.request(
    {
      method: 'POST',
      path: `/images/${seg(name)}/push`,
      query: { tag: tagged ? ref.slice(colon + 1) : undefined },
      // the engine requires the header, even for anonymous pushes
      headers: { 'x-registry-auth': encodeRegistryHeader(options.auth ?? {}) },
      ...withSignal(options),
    },
    { what: `pushing ${what(ref)}` },
  )
  return progress(res.body, `pushing ${what(ref)}`)
}

/** Pushes and resolves when the registry has the image; returns the pushed digest when reported. */
export async function pushImage(client: EngineClient, ref: string, options: PushImageOptions & { onProgress?: ProgressObserver } = {}): Promise<{ digest: string | undefined }> {
  const messages = await drainProgress(await pushImageProgress(client, ref, options), options.onProgress)
  const aux = messages.find((m) => typeof m.aux?.Digest === 'string')?.aux
  return { digest: aux === undefined ? undefined : String(aux.Digest) }
}

export async function tagImage(client: EngineClient, source: string, target: string, options: Abortable = {}): Promise<void> {
  const { repo, tag } = splitImageRef(target)
  await client.send({ method: 'POST', path: `/images/${seg(source)}/tag`, query: { repo, tag }, ...withSignal(options) }, { what: what(source) })
}

export interface RemoveImageOptions extends Abortable {
  force?: boolean
  noprune?: boolean
}

export async function removeImage(client: EngineClient, name: string, options: RemoveImageOptions = {}): Promise<ImageDeleteItem[]> {
  const items = await client.json<ImageDeleteItem[] | null>(
    { method: 'DELETE', path: `/images/${seg(name)}`, query: { force: options.force, noprune: options.noprune }, ...withSignal(options) },
    { what: what(name) },
  )
  return items ?? []
}

export interface ImportImageOptions extends Abortable {
  /** `repo[:tag]` to give the imported image. */
  ref?: string
  message?: string
  /** Dockerfile instructions applied to the image (`CMD ["sh"]`, `ENV A=b`). */
  changes?: readonly string[]
  platform?: string
  onProgress?: ProgressObserver
}

/** Imports a root file system tar (`fromSrc=-`); resolves with the new image id. */
export async function importImage(client: EngineClient, tar: AsyncIterable<Uint8Array> | Uint8Array, options: ImportImageOptions = {}): Promise<string> {
  const target = options.ref === undefined ? undefined : splitImageRef(options.ref)
  const res = await client.request(
    {
      method: 'POST',
      path: '/images/create',
      query: { fromSrc: '-', repo: target?.repo, tag: target?.tag, message: options.message, changes: options.changes, platform: options.platform },
      body: tar,
      contentType: 'application/x-tar',
      ...withSignal(options),
    },
    { what: 'importing an image' },
  )
  const messages = await drainProgress(progress(res.body, 'importing an image'), options.onProgress)
  const id = messages.map((m) => m.status ?? '').find((s) => /^sha256:[0-9a-f]{64}$/.test(s.trim()))
  if (id === undefined) throw new ComposeError('ENGINE_STREAM', 'importing an image: the engine reported no image id')
  return id.trim()
}

export interface CommitOptions extends Abortable {
  /** `repo[:tag]` for the new image. */
  ref?: string
  comment?: string
  author?: string
  /** Pause the container while committing (the engine's default is true). */
  pause?: boolean
  changes?: readonly string[]
  /** Config overrides for the image. */
  config?: ContainerConfig
}

/** Creates an image from a container's changes; resolves with the image id. */
export async function commitContainer(client: EngineClient, container: string, options: CommitOptions = {}): Promise<string> {
  const target = options.ref === undefined ? undefined : splitImageRef(options.ref)
  const res = await client.json<ImageIdResponse>(
    {
      method: 'POST',
      path: '/commit',
      query: { container, repo: target?.repo, tag: target?.tag, comment: options.comment, author: options.author, pause: options.pause, changes: options.changes },
      body: options.config ?? {},
      ...withSignal(options),
    },
    { what: `container "${container}"` },
  )
  return res.Id
}

export function pruneImages(client: EngineClient, options: Abortable & { filters?: EngineFilters } = {}): Promise<PruneResponse> {
  return client.json<PruneResponse>({ method: 'POST', path: '/images/prune', query: { filters: encodeFilters(options.filters) }, ...withSignal(options) })
}
