/**
 * Builds several services: in dependency order (a service whose Dockerfile starts `FROM` another
 * service's image is built after it), in parallel up to a bound, each image once even when
 * several services share it. Registry credentials for base images are read once.
 */
import type { RunContext } from '../converge/run-context.ts'
import { imageName } from '../converge/naming.ts'
import { resolveAllRegistryAuth } from '../engine/auth.ts'
import type { EngineClient } from '../engine/client.ts'
import type { AuthConfig } from '../engine/types.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { EmitFn } from '../events.ts'
import { buildGraph } from '../graph/graph.ts'
import { traverse } from '../graph/traverse.ts'
import type { Project } from '../model/project.ts'
import type { BuildOverrides } from './build-options.ts'
import { buildService, type ServiceBuildResult } from './build-service.ts'

/** Builds at once when `--parallel` is not given: builds are CPU- and disk-heavy. */
export const DEFAULT_BUILD_PARALLEL = 4

export interface BuildServicesOptions extends BuildOverrides {
  /** Only warnings and errors are emitted (`-q`, `--quiet-build`). */
  quiet?: boolean
}

export async function buildServices(client: EngineClient, project: Project, names: Iterable<string>, options: BuildServicesOptions, ctx: RunContext): Promise<ServiceBuildResult[]> {
  const emit: EmitFn | undefined = options.quiet === true && ctx.emit !== undefined ? quietEmit(ctx.emit) : ctx.emit
  const owners = new Map<string, string>()
  for (const name of names) {
    const service = project.services[name]
    if (service?.build === undefined) continue
    const image = imageName(project, service)
    if (!owners.has(image)) owners.set(image, name)
  }
  const selected = new Set(owners.values())
  if (selected.size === 0) return []
  const registryAuth = await allCredentials(ctx, emit)
  const results: ServiceBuildResult[] = []
  const outcome = await traverse(
    buildGraph(project),
    'up',
    async (name) => {
      const service = project.services[name]
      if (service === undefined) return
      results.push(
        await buildService(client, project, service, {
          ...options,
          ...(registryAuth === undefined ? {} : { registryAuth }),
          ...(emit === undefined ? {} : { emit }),
          ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
        }),
      )
    },
    { services: selected, limit: ctx.parallel ?? DEFAULT_BUILD_PARALLEL, ...(ctx.signal === undefined ? {} : { signal: ctx.signal }) },
  )
  if (outcome.failed.length === 1) throw outcome.failed[0]?.error
  if (outcome.failed.length > 1) {
    const messages = outcome.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)))
    const first = outcome.failed[0]?.error
    throw new ComposeError(isComposeError(first) ? first.code : 'BUILD_FAILED', messages.join('\n\n'), {
      cause: first,
      issues: outcome.failed.map((f, i) => ({ message: messages[i] as string, path: `services.${f.service}.build` })),
    })
  }
  return results
}

async function allCredentials(ctx: RunContext, emit: EmitFn | undefined): Promise<Record<string, AuthConfig> | undefined> {
  if (ctx.auth === undefined) return undefined
  try {
    return await resolveAllRegistryAuth(ctx.auth)
  } catch (error) {
    emit?.({ type: 'warning', message: `registry credentials for base images are not available: ${error instanceof Error ? error.message : String(error)}` })
    return undefined
  }
}

function quietEmit(emit: EmitFn): EmitFn {
  return (event) => {
    if (event.type === 'warning' || event.type === 'error') emit(event)
  }
}
