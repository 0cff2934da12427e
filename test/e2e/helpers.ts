/**
 * Shared helpers of the end-to-end suites against a real Docker Engine: an engine probe that
 * fails loudly in CI, unique names, `eventually()` instead of sleeps, and cleanup by name prefix.
 */
import { randomBytes } from 'node:crypto'
import { describe } from 'vitest'
import {
  EngineClient,
  createContainer,
  listContainers,
  listImages,
  listNetworks,
  listVolumes,
  ping,
  removeContainer,
  removeImage,
  removeNetwork,
  removeVolume,
  startContainer,
  type ContainerCreateBody,
} from '../../core/engine/index.ts'

export const BUSYBOX = 'busybox:latest'

export function newClient(env: Record<string, string | undefined> = process.env): EngineClient {
  return new EngineClient({ env })
}

async function probe(): Promise<string | undefined> {
  const client = newClient()
  try {
    await ping(client, AbortSignal.timeout(5000))
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await client.close()
  }
}

const unavailable = await probe()
if (unavailable !== undefined) {
  // Never a silent skip: the end-to-end suites are the proof that features work.
  throw new Error(`the end-to-end suites need a Docker Engine and none answers /_ping (${unavailable}); start one with scripts/start-engine.sh`)
}

/** `describe` for suites that need an engine (the probe above already failed without one). */
export const describeEngine = describe

/** A name prefix unique to one test file: `e2e-eng-<family>-<random>`. */
export function uniquePrefix(family: string): string {
  return `e2e-eng-${family}-${randomBytes(4).toString('hex')}`
}

export interface EventuallyOptions {
  timeout?: number
  interval?: number
}

/** Retries `check` until it returns without throwing; rethrows its last error after the timeout. */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 10_000)
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, options.interval ?? 50))
    }
  }
}

/** Creates (and optionally starts) a busybox container named `name`. */
export async function runBusybox(client: EngineClient, name: string, cmd: string[], extra: Partial<ContainerCreateBody> = {}, start = true): Promise<string> {
  const { Id } = await createContainer(client, { Image: BUSYBOX, Cmd: cmd, ...extra }, { name })
  if (start) await startContainer(client, Id)
  return Id
}

/** Removes everything whose name starts with `prefix`: containers, then networks, volumes, images. */
export async function sweep(client: EngineClient, prefix: string): Promise<void> {
  if (process.env.KEEP_FAILED === '1') return
  const containers = await listContainers(client, { all: true, filters: { name: [prefix] } })
  await Promise.all(containers.map((c) => removeContainer(client, c.Id, { force: true, volumes: true }).catch(ignoreGone)))
  const networks = await listNetworks(client, { filters: { name: [prefix] } })
  await Promise.all(networks.filter((n) => n.Name.startsWith(prefix)).map((n) => removeNetwork(client, n.Id).catch(ignoreGone)))
  const { volumes } = await listVolumes(client, { filters: { name: [prefix] } })
  await Promise.all(volumes.filter((v) => v.Name.startsWith(prefix)).map((v) => removeVolume(client, v.Name, { force: true }).catch(ignoreGone)))
  const images = await listImages(client, { filters: { reference: [`${prefix}*`] } })
  for (const image of images) await removeImage(client, image.Id, { force: true }).catch(ignoreGone)
}

function ignoreGone(error: unknown): void {
  const code = (error as { code?: string }).code
  if (code !== 'ENGINE_NOT_FOUND' && code !== 'ENGINE_CONFLICT') throw error
}

/** Text of frames per stream. */
export function decodeFrames(frames: readonly { stream: string; data: Uint8Array }[]): { stdout: string; stderr: string } {
  const dec = new TextDecoder()
  let stdout = ''
  let stderr = ''
  for (const f of frames) {
    if (f.stream === 'stderr') stderr += dec.decode(f.data)
    else stdout += dec.decode(f.data)
  }
  return { stdout, stderr }
}
