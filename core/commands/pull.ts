/**
 * `pull`: pulls the images of the selected services in parallel (docker compose
 * `pkg/compose/pull.go`). Skipped: services without `image:`, `pull_policy: never|build`, an
 * explicit `missing` when the image is present (without a pull_policy, `pull` pulls),
 * buildable services with `ignoreBuildable`, and an image another service is already pulling.
 * An explicit `pull` pulls refresh policies (`daily`, …) whatever the image's age, as docker
 * compose does; `up` is where their window applies. A failed pull of a service that can be
 * built is a warning naming `compose build`; others fail the command unless
 * `ignorePullFailures`. The images of `pre_start` hooks are pulled too, under their service's
 * policy (`build` meaning `missing`: a hook image cannot be built).
 */
import { parsePullPolicy } from '../build/pull-policy.ts'
import { pullWithProgress } from '../build/transfer.ts'
import type { RunContext } from '../converge/run-context.ts'
import { inspectImage } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import { createLimiter } from '../graph/limit.ts'
import type { Project } from '../model/project.ts'
import { servicePlatform } from '../converge/platform.ts'

export interface PullOptions {
  /** Services to pull (default all). */
  services?: string[]
  /** `--include-deps`: also pull the services they depend on. */
  includeDeps?: boolean
  /** `--ignore-pull-failures`: report failures as warnings and succeed. */
  ignorePullFailures?: boolean
  /** `--ignore-buildable`: skip services that have a `build:` section. */
  ignoreBuildable?: boolean
  /** `-q, --quiet`: no progress events. */
  quiet?: boolean
  /** `--policy missing|always`: replaces every service's pull_policy. */
  policy?: 'missing' | 'always'
  /** `--dry-run`: report what would be pulled. */
  dryRun?: boolean
}

export interface PullResult {
  pulled: { service: string; image: string; id: string }[]
  skipped: { service: string; image?: string; reason: string }[]
  failed: { service: string; image: string; error: unknown }[]
  /** Services whose pull failed but that can be built (`compose build …`). */
  mustBuild: string[]
}

export async function pull(client: EngineClient, project: Project, options: PullOptions = {}, ctx: RunContext = {}): Promise<PullResult> {
  const graph = buildGraph(project)
  const selected = selectServices(project, graph, options.services, { noDeps: options.includeDeps !== true })
  const emit = options.quiet === true ? undefined : ctx.emit
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const result: PullResult = { pulled: [], skipped: [], failed: [], mustBuild: [] }
  const skip = (service: string, reason: string, image?: string): void => {
    result.skipped.push({ service, reason, ...(image === undefined ? {} : { image }) })
    emit?.({ type: 'progress', id: image === undefined ? `Service ${service}` : `Image ${image}`, status: 'Skipped', detail: reason })
  }
  const pulling = new Map<string, string>()
  const limit = createLimiter(ctx.parallel)
  const work: Promise<void>[] = []
  // the services' images, then their pre_start hooks' (with the service's pull policy; a hook
  // image cannot be built, so `build` means `missing` for it)
  const candidates = graph.order.filter((s) => selected.has(s)).flatMap((name) => {
    const service = project.services[name]
    if (service === undefined) return []
    const raw = options.policy ?? service.pull_policy
    const hooks = (service.pre_start ?? []).flatMap((h) => (h.image === undefined || h.image === '' ? [] : [{ name, service, image: h.image, raw: raw === 'build' ? 'missing' : raw, hook: true }]))
    return [{ name, service, image: service.image, raw, hook: false }, ...hooks]
  })
  for (const { name, service, image, raw, hook } of candidates) {
    if (image === undefined || image === '') {
      skip(name, 'No image to be pulled')
      continue
    }
    const policy = parsePullPolicy(raw, name)
    if (policy.kind === 'never' || policy.kind === 'build') {
      skip(name, `pull_policy is ${policy.kind}`, image)
      continue
    }
    // only an explicit `missing` skips a present image: without a policy, `pull` pulls
    if (raw !== undefined && raw !== '' && policy.kind === 'missing' && (await present(client, image, sig))) {
      skip(name, 'Image is already present locally', image)
      continue
    }
    if (!hook && service.build !== undefined && options.ignoreBuildable === true) {
      skip(name, 'Image can be built', image)
      continue
    }
    const other = pulling.get(image)
    if (other !== undefined) {
      skip(name, `Image is already being pulled by ${other}`, image)
      continue
    }
    pulling.set(image, name)
    if (options.dryRun === true) continue
    work.push(
      limit(async () => {
        try {
          const platform = servicePlatform(project, service)
          const inspected = await pullWithProgress(client, image, {
            service: name,
            ...(ctx.auth === undefined ? {} : { auth: ctx.auth }),
            ...(emit === undefined ? {} : { emit }),
            ...sig,
            ...(platform === undefined || platform === '' ? {} : { platform }),
          })
          result.pulled.push({ service: name, image, id: inspected.Id })
        } catch (error) {
          result.failed.push({ service: name, image, error })
          if (!hook && service.build !== undefined) result.mustBuild.push(name)
        }
      }),
    )
  }
  await Promise.all(work)
  if (result.mustBuild.length > 0) {
    ctx.emit?.({ type: 'warning', message: `Some service image(s) must be built from source by running:\n    compose build ${result.mustBuild.sort().join(' ')}` })
  }
  const fatal = result.failed.filter((f) => options.ignorePullFailures !== true && !result.mustBuild.includes(f.service))
  for (const f of result.failed) {
    if (!fatal.includes(f)) ctx.emit?.({ type: 'warning', message: f.error instanceof Error ? f.error.message : String(f.error) })
  }
  if (fatal.length === 1) throw fatal[0]?.error
  if (fatal.length > 1) {
    const messages = fatal.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)))
    throw new ComposeError('IMAGE_PULL_FAILED', messages.join('\n'), { cause: fatal[0]?.error, issues: fatal.map((f, i) => ({ message: messages[i] as string, path: `services.${f.service}.image` })) })
  }
  return result
}

async function present(client: EngineClient, image: string, sig: { signal?: AbortSignal }): Promise<boolean> {
  try {
    await inspectImage(client, image, sig)
    return true
  } catch (error) {
    if (isComposeError(error, 'ENGINE_NOT_FOUND')) return false
    throw error
  }
}
