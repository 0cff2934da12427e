/**
 * Builds one service's image with the classic builder: prepares the context (streamed), posts
 * it, reports each output line as a progress event of `Image <name>`, and resolves with the
 * image id once the engine has finished. A failed step becomes BUILD_FAILED naming the service,
 * the failing `Step n/m : INSTRUCTION` and the output that step printed last.
 */
import { buildImageProgress } from '../engine/api/image-build.ts'
import type { EngineClient } from '../engine/client.ts'
import type { ProgressMessage } from '../engine/ndjson.ts'
import type { AuthConfig } from '../engine/types.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { EmitFn } from '../events.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { classicBuildOptions, type BuildOverrides } from './build-options.ts'
import { prepareContext } from './context.ts'

export interface ServiceBuildOptions extends BuildOverrides {
  /** Credentials for base images, by registry (`X-Registry-Config`). */
  registryAuth?: Record<string, AuthConfig>
  emit?: EmitFn
  signal?: AbortSignal
}

export interface ServiceBuildResult {
  service: string
  image: string
  imageId: string
}

/** Output lines kept to explain a failure. */
const TAIL = 12

export async function buildService(client: EngineClient, project: Project, service: ServiceConfig, options: ServiceBuildOptions = {}): Promise<ServiceBuildResult> {
  const { image, options: buildOptions, warnings } = classicBuildOptions(project, service, options)
  const emit = options.emit
  for (const message of warnings) emit?.({ type: 'warning', message })
  const id = `Image ${image}`
  emit?.({ type: 'progress', id, status: 'Building' })
  const state = { step: undefined as string | undefined, tail: [] as string[], imageId: undefined as string | undefined }
  try {
    const context = await prepareContext(service.build as NonNullable<ServiceConfig['build']>, options.signal === undefined ? {} : { signal: options.signal })
    const stream = await buildImageProgress(client, context.tar, {
      ...buildOptions,
      dockerfile: context.dockerfile,
      ...(context.remote === undefined ? {} : { remote: context.remote }),
      ...(options.registryAuth === undefined || Object.keys(options.registryAuth).length === 0 ? {} : { registryAuth: options.registryAuth }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    for await (const message of stream) observe(state, message, (line) => emit?.({ type: 'progress', id, status: 'Building', detail: line }))
  } catch (error) {
    emit?.({ type: 'progress', id, status: 'Error' })
    throw failure(service.name, image, state, error)
  }
  if (state.imageId === undefined) {
    emit?.({ type: 'progress', id, status: 'Error' })
    throw new ComposeError('BUILD_FAILED', `service "${service.name}": the engine reported no image id for ${image}`)
  }
  emit?.({ type: 'progress', id, status: 'Built' })
  return { service: service.name, image, imageId: state.imageId }
}

interface BuildState {
  step: string | undefined
  tail: string[]
  imageId: string | undefined
}

function observe(state: BuildState, message: ProgressMessage, onLine: (line: string) => void): void {
  const aux = message.aux?.ID
  if (typeof aux === 'string') state.imageId = aux
  const text = message.stream ?? (message.status === undefined ? undefined : `${message.id === undefined ? '' : `${message.id}: `}${message.status}`)
  if (text === undefined) return
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    if (line === '') continue
    if (/^Step \d+\/\d+ : /.test(line)) {
      state.step = line
      state.tail = []
    } else {
      state.tail.push(line)
      if (state.tail.length > TAIL) state.tail.shift()
    }
    const built = /^Successfully built ([0-9a-f]{12,64})$/.exec(line)
    if (built?.[1] !== undefined && state.imageId === undefined) state.imageId = built[1]
    onLine(line)
  }
}

function failure(service: string, image: string, state: BuildState, error: unknown): ComposeError {
  if (isComposeError(error) && error.code !== 'ENGINE_STREAM') {
    // context problems, unsupported options, engine errors: name the service, keep the code
    const message = error.message.startsWith('service "') ? error.message : `service "${service}": ${error.message}`
    return new ComposeError(error.code, message, { cause: error, ...(error.hint === undefined ? {} : { hint: error.hint }), ...(error.status === undefined ? {} : { status: error.status }) })
  }
  const reason = (error instanceof Error ? error.message : String(error)).replace(/^building (an image|image "[^"]*"): /, '')
  const lines = [`service "${service}": failed to build ${image}${state.step === undefined ? '' : ` at ${state.step}`}`]
  const output = state.tail.filter((l) => !/^ ---> /.test(l) && !l.startsWith('Removing intermediate container'))
  if (output.length > 0) lines.push(...output.map((l) => `  ${l}`))
  lines.push(reason)
  return new ComposeError('BUILD_FAILED', lines.join('\n'), { cause: error, hint: `fix the Dockerfile step, then run \`compose build ${service}\`` })
}
