/**
 * `POST /build` with the classic builder: the context is a tar stream (or bytes), sent as it is
 * produced. `buildImageProgress` gives the build output as it arrives and throws on a failed
 * step; `buildImage` resolves with the image id only when the build has finished.
 */
import type { EngineClient } from '../client.ts'
import { ComposeError } from '../../errors.ts'
import { encodeRegistryHeader } from '../auth.ts'
import { progress, type ProgressMessage } from '../ndjson.ts'
import type { AuthConfig } from '../types.ts'
import { drainProgress, type ProgressObserver } from './_progress.ts'
import { withSignal, type Abortable } from './_shared.ts'

export interface BuildImageOptions extends Abortable {
  /** Path of the Dockerfile inside the context (default `Dockerfile`). */
  dockerfile?: string
  /** `name:tag` references for the result. */
  tags?: readonly string[]
  buildArgs?: Record<string, string | null>
  labels?: Record<string, string>
  /** The stage to build. */
  target?: string
  cacheFrom?: readonly string[]
  networkMode?: string
  /** /dev/shm size for RUN steps, in bytes. */
  shmSize?: number
  /** `host:ip` entries for /etc/hosts of RUN steps. */
  extraHosts?: readonly string[]
  /** Always try to pull newer base images. */
  pull?: boolean
  noCache?: boolean
  platform?: string
  /** Suppress the output; only the image id is reported. */
  quiet?: boolean
  /** Remove intermediate containers after a successful build (default true). */
  rm?: boolean
  /** Remove intermediate containers even after a failed build. */
  forceRm?: boolean
  memory?: number
  memorySwap?: number
  cpuShares?: number
  cpuSetCpus?: string
  cpuPeriod?: number
  cpuQuota?: number
  /** Credentials per registry for the base images (`X-Registry-Config`). */
  registryAuth?: Record<string, AuthConfig>
  /** A git or HTTP(S) URL the engine fetches the context from (the body is then ignored). */
  remote?: string
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value))

/** The query of `POST /build`, exported for tests. */
export function buildQuery(options: BuildImageOptions): Record<string, string | number | boolean | readonly string[] | undefined> {
  return {
    dockerfile: options.dockerfile,
    t: options.tags,
    extrahosts: options.extraHosts,
    q: options.quiet,
    nocache: options.noCache,
    cachefrom: json(options.cacheFrom),
    pull: options.pull,
    rm: options.rm ?? true,
    forcerm: options.forceRm,
    memory: options.memory,
    memswap: options.memorySwap,
    cpushares: options.cpuShares,
    cpusetcpus: options.cpuSetCpus,
    cpuperiod: options.cpuPeriod,
    cpuquota: options.cpuQuota,
    buildargs: json(options.buildArgs),
    shmsize: options.shmSize,
    labels: json(options.labels),
    networkmode: options.networkMode,
    platform: options.platform,
    target: options.target,
    remote: options.remote,
  }
}

export async function buildImageProgress(
  client: EngineClient,
  context: AsyncIterable<Uint8Array> | Uint8Array,
  options: BuildImageOptions = {},
): Promise<AsyncIterable<ProgressMessage>> {
  const res = await client.request(
    {
      method: 'POST',
      path: '/build',
      query: buildQuery(options),
      headers: options.registryAuth === undefined ? {} : { 'x-registry-config': encodeRegistryHeader(options.registryAuth) },
      body: context,
      contentType: 'application/x-tar',
      ...withSignal(options),
    },
    { what: describe(options) },
  )
  return progress(res.body, describe(options))
}

export interface BuildResult {
  imageId: string
}

/** Builds and resolves with the image id once the build finished; a failed step throws ENGINE_STREAM. */
export async function buildImage(
  client: EngineClient,
  context: AsyncIterable<Uint8Array> | Uint8Array,
  options: BuildImageOptions & { onProgress?: ProgressObserver } = {},
): Promise<BuildResult> {
  const messages = await drainProgress(await buildImageProgress(client, context, options), options.onProgress)
  const imageId = imageIdOf(messages)
  if (imageId === undefined) throw new ComposeError('ENGINE_STREAM', `${describe(options)}: the engine reported no image id`)
  return { imageId }
}

function imageIdOf(messages: readonly ProgressMessage[]): string | undefined {
  const aux = messages.findLast((m) => typeof m.aux?.ID === 'string')?.aux?.ID
  if (typeof aux === 'string') return aux
  for (const m of [...messages].reverse()) {
    const text = m.stream?.trim() ?? ''
    if (/^sha256:[0-9a-f]{64}$/.test(text)) return text
    const built = /^Successfully built ([0-9a-f]+)$/.exec(text)
    if (built?.[1] !== undefined) return built[1]
  }
  return undefined
}

function describe(options: BuildImageOptions): string {
  const tag = options.tags?.[0]
  return tag === undefined ? 'building an image' : `building image "${tag}"`
}
