/**
 * `push`: pushes the images of the selected services that have both `build:` and `image:`
 * (docker compose `pkg/compose/push.go`), each `image` plus its `build.tags`, in parallel.
 * Other services are skipped. Credentials come from the Docker config.
 */
import { pushWithProgress } from '../build/transfer.ts'
import type { RunContext } from '../converge/run-context.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError } from '../errors.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import { createLimiter } from '../graph/limit.ts'
import type { Project } from '../model/project.ts'

export interface PushOptions {
  /** Services to push (default all). */
  services?: string[]
  /** `--include-deps`: also push the services they depend on. */
  includeDeps?: boolean
  /** `--ignore-push-failures`: report failures as warnings and succeed. */
  ignorePushFailures?: boolean
  /** `-q, --quiet`: no progress events. */
  quiet?: boolean
  /** `--dry-run`: report what would be pushed. */
  dryRun?: boolean
}

export interface PushResult {
  pushed: { service: string; image: string; digest: string | undefined }[]
  skipped: string[]
  failed: { service: string; image: string; error: unknown }[]
  /** `--dry-run`: the references that would be pushed. */
  planned?: string[]
}

export async function push(client: EngineClient, project: Project, options: PushOptions = {}, ctx: RunContext = {}): Promise<PushResult> {
  const graph = buildGraph(project)
  const selected = selectServices(project, graph, options.services, { noDeps: options.includeDeps !== true })
  const emit = options.quiet === true ? undefined : ctx.emit
  const result: PushResult = { pushed: [], skipped: [], failed: [] }
  const refs: { service: string; image: string }[] = []
  const seen = new Set<string>()
  for (const name of graph.order.filter((s) => selected.has(s))) {
    const service = project.services[name]
    if (service === undefined) continue
    if (service.build === undefined || service.image === undefined || service.image === '') {
      result.skipped.push(name)
      emit?.({ type: 'progress', id: `Service ${name}`, status: 'Skipped', detail: service.build === undefined ? 'No build section' : 'No image name to push' })
      continue
    }
    for (const image of [service.image, ...(service.build.tags ?? [])]) {
      if (seen.has(image)) continue
      seen.add(image)
      refs.push({ service: name, image })
    }
  }
  if (options.dryRun === true) return { ...result, planned: refs.map((r) => r.image) }
  const limit = createLimiter(ctx.parallel)
  await Promise.all(
    refs.map(({ service, image }) =>
      limit(async () => {
        try {
          const { digest } = await pushWithProgress(client, image, {
            service,
            ...(ctx.auth === undefined ? {} : { auth: ctx.auth }),
            ...(emit === undefined ? {} : { emit }),
            ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
          })
          result.pushed.push({ service, image, digest })
        } catch (error) {
          result.failed.push({ service, image, error })
        }
      }),
    ),
  )
  const messages = result.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)))
  if (options.ignorePushFailures === true) {
    for (const message of messages) ctx.emit?.({ type: 'warning', message })
    return result
  }
  if (result.failed.length === 1) throw result.failed[0]?.error
  if (result.failed.length > 1) {
    throw new ComposeError('IMAGE_PUSH_FAILED', messages.join('\n'), { cause: result.failed[0]?.error, issues: result.failed.map((f, i) => ({ message: messages[i] as string, path: `services.${f.service}.image` })) })
  }
  return result
}
