/**
 * What `up`/`create`/`run` do about images before creating containers (docker compose
 * `ensureImagesExists`): pull what the pull policy asks for, then build the services whose
 * image is still missing, or every buildable one with `pull_policy: build` or `--build`. A
 * failed pull of a service that can be built falls back to building it. `images` (reference →
 * image id) is updated in place so that containers get the new image id label.
 */
import type { RunContext } from '../converge/run-context.ts'
import { imageName } from '../converge/naming.ts'
import { inspectImage } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import { createLimiter } from '../graph/limit.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { buildServices } from './build-services.ts'
import { mustPull, parsePullPolicy, type LocalImage, type PullPolicy } from './pull-policy.ts'
import { pullWithProgress } from './transfer.ts'
import { platformOption, servicePlatform } from '../converge/platform.ts'

/** `up --pull`: a policy for every service, or `policy` (each service's own pull_policy). */
export type PullOption = 'always' | 'missing' | 'never' | 'build' | 'policy'

/** `up --build` (always), `up --no-build` (never), or build what is missing (default). */
export type BuildMode = 'missing' | 'always' | 'never'

export interface EnsureOptions {
  pull?: PullOption
  build?: BuildMode
  /** No pull progress events (`--quiet-pull`). */
  quietPull?: boolean
  /** No build progress events (`--quiet-build`). */
  quietBuild?: boolean
  /** The clock for refresh policies (tests inject one). */
  now?: Date
}

export async function ensureServiceImages(client: EngineClient, project: Project, services: Iterable<string>, images: Record<string, string | null>, options: EnsureOptions, ctx: RunContext): Promise<void> {
  const buildMode = options.build ?? 'missing'
  const sig = ctx.signal === undefined ? {} : { signal: ctx.signal }
  const owners = new Map<string, { service: ServiceConfig; policy: PullPolicy }>()
  for (const name of services) {
    const service = project.services[name]
    if (service === undefined) continue
    const ref = imageName(project, service)
    if (owners.has(ref)) continue
    let policy = options.pull === undefined || options.pull === 'policy' ? parsePullPolicy(service.pull_policy, name) : parsePullPolicy(options.pull, name)
    if (buildMode === 'always' && service.build !== undefined) policy = { kind: 'build' }
    owners.set(ref, { service, policy })
  }

  const toBuild = new Set<string>()
  const limit = createLimiter(ctx.parallel)
  const pulls: Promise<void>[] = []
  for (const [ref, { service, policy }] of owners) {
    if (service.image === undefined || service.image === '') continue
    const present = images[ref] !== null && images[ref] !== undefined
    const local: LocalImage | undefined = !present ? undefined : policy.kind === 'refresh' ? await localImage(client, ref, sig) : {}
    if (!mustPull(policy, local, options.now ?? new Date())) continue
    pulls.push(
      limit(async () => {
        try {
          const image = await pullWithProgress(client, ref, {
            service: service.name,
            ...(ctx.auth === undefined ? {} : { auth: ctx.auth }),
            ...(ctx.emit === undefined ? {} : { emit: ctx.emit }),
            ...sig,
            ...(options.quietPull === true ? { quiet: true } : {}),
            ...platformOption(servicePlatform(project, service)),
          })
          images[ref] = image.Id
        } catch (error) {
          if (service.build !== undefined && buildMode !== 'never') {
            ctx.emit?.({ type: 'warning', message: `${message(error)}; building it instead` })
            toBuild.add(service.name)
          } else if (present) {
            ctx.emit?.({ type: 'warning', message: `${message(error)}; using the local image` })
          } else throw error
        }
      }),
    )
  }
  const settled = await Promise.allSettled(pulls)
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason

  if (buildMode !== 'never') {
    for (const [ref, { service, policy }] of owners) {
      if (service.build === undefined) continue
      const present = images[ref] !== null && images[ref] !== undefined
      if (!present || policy.kind === 'build') toBuild.add(service.name)
    }
  }
  if (toBuild.size > 0) {
    const built = await buildServices(client, project, toBuild, options.quietBuild === true ? { quiet: true } : {}, ctx)
    for (const b of built) images[b.image] = b.imageId
  }

  for (const [ref, { service, policy }] of owners) {
    if (images[ref] !== null && images[ref] !== undefined) continue
    const why = service.build !== undefined ? 'and building was disabled (--no-build)' : policy.kind === 'never' || policy.kind === 'build' ? `and pull_policy is ${policy.kind}` : 'and was not pulled'
    throw new ComposeError('CONVERGE_IMAGE_MISSING', `service "${service.name}": image ${ref} is not present locally ${why}`, {
      hint: service.build !== undefined ? `build it (\`compose build ${service.name}\`) or drop --no-build` : `pull it (\`compose pull ${service.name}\`) or allow pulls (pull_policy/--pull)`,
    })
  }
}

async function localImage(client: EngineClient, ref: string, sig: { signal?: AbortSignal }): Promise<LocalImage | undefined> {
  try {
    const image = await inspectImage(client, ref, sig)
    return { created: image.Created, ...(image.Metadata?.LastTagTime === undefined ? {} : { lastTagTime: image.Metadata.LastTagTime }) }
  } catch (error) {
    if (isComposeError(error, 'ENGINE_NOT_FOUND')) return undefined
    throw error
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
