/**
 * Pull and push of one image reference with registry credentials from the Docker config and
 * one progress line (`Image <ref>`) carrying layer totals. Both resolve only once the engine
 * has finished; an in-band error throws IMAGE_PULL_FAILED / IMAGE_PUSH_FAILED.
 */
import { inspectImage, pullImageProgress, pushImageProgress } from '../engine/api/images.ts'
import { registryOfImage, resolveRegistryAuth, type AuthOptions } from '../engine/auth.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ProgressMessage } from '../engine/ndjson.ts'
import type { AuthConfig, ImageInspect } from '../engine/types.ts'
import { ComposeError, isComposeError, type ErrorCode } from '../errors.ts'
import type { EmitFn } from '../events.ts'
import { formatTotals, LayerProgress } from './layer-progress.ts'

export interface TransferOptions {
  /** Where the Docker config is read from; anonymous access without. */
  auth?: AuthOptions
  emit?: EmitFn
  signal?: AbortSignal
  /** Names the service in errors. */
  service?: string
  /** No per-layer progress events (`-q`, `--quiet-pull`). */
  quiet?: boolean
}

/** Milliseconds between two progress events of one image when nothing but bytes changed. */
const THROTTLE = 250

export async function pullWithProgress(client: EngineClient, ref: string, options: TransferOptions & { platform?: string } = {}): Promise<ImageInspect> {
  const id = `Image ${ref}`
  options.emit?.({ type: 'progress', id, status: 'Pulling' })
  try {
    const auth = await credentials(ref, options)
    const stream = await pullImageProgress(client, ref, {
      ...(auth === undefined ? {} : { auth }),
      ...(options.platform === undefined ? {} : { platform: options.platform }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    await follow(stream, id, 'Pulling', options)
    const image = await inspectImage(client, ref, options.signal === undefined ? {} : { signal: options.signal })
    options.emit?.({ type: 'progress', id, status: 'Pulled' })
    return image
  } catch (error) {
    options.emit?.({ type: 'progress', id, status: 'Error' })
    throw wrap('IMAGE_PULL_FAILED', 'pull', ref, options.service, error)
  }
}

export async function pushWithProgress(client: EngineClient, ref: string, options: TransferOptions = {}): Promise<{ digest: string | undefined }> {
  const id = `Image ${ref}`
  options.emit?.({ type: 'progress', id, status: 'Pushing' })
  try {
    const auth = await credentials(ref, options)
    const stream = await pushImageProgress(client, ref, {
      ...(auth === undefined ? {} : { auth }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    const digest = await follow(stream, id, 'Pushing', options)
    options.emit?.({ type: 'progress', id, status: 'Pushed', ...(digest === undefined ? {} : { detail: digest }) })
    return { digest }
  } catch (error) {
    options.emit?.({ type: 'progress', id, status: 'Error' })
    throw wrap('IMAGE_PUSH_FAILED', 'push', ref, options.service, error)
  }
}

async function credentials(ref: string, options: TransferOptions): Promise<AuthConfig | undefined> {
  return options.auth === undefined ? undefined : resolveRegistryAuth(registryOfImage(ref), options.auth)
}

/** Drains the stream, emitting throttled totals; returns the pushed digest when reported. */
async function follow(stream: AsyncIterable<ProgressMessage>, id: string, status: string, options: TransferOptions): Promise<string | undefined> {
  const layers = new LayerProgress()
  let digest: string | undefined
  let last = 0
  let lastDone = -1
  for await (const message of stream) {
    if (typeof message.aux?.Digest === 'string') digest = message.aux.Digest
    if (!layers.update(message) || options.quiet === true || options.emit === undefined) continue
    const totals = layers.totals()
    const now = Date.now()
    if (totals.done === lastDone && now - last < THROTTLE) continue
    last = now
    lastDone = totals.done
    options.emit({ type: 'progress', id, status, detail: formatTotals(totals), current: totals.current, total: totals.total })
  }
  return digest
}

function wrap(code: ErrorCode, verb: string, ref: string, service: string | undefined, error: unknown): ComposeError {
  const who = service === undefined ? '' : `service "${service}": `
  const reason = error instanceof Error ? error.message.replace(/^(pulling|pushing) image "[^"]*": /, '') : String(error)
  const keep = isComposeError(error) && error.code !== 'ENGINE_STREAM' && error.code !== 'ENGINE_NOT_FOUND' ? error.code : code
  const unauthorized = /unauthorized|authentication required|no basic auth credentials|denied/i.test(reason)
  return new ComposeError(keep, `${who}${verb} of ${ref} failed: ${reason}`, {
    cause: error,
    ...(unauthorized ? { hint: `log in to ${registryOfImage(ref)} (\`docker login\`), or check the credentials in the Docker config` } : {}),
  })
}
