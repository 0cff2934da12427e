/** Makes sure each service's image is present: pulls missing ones (policy permitting). */
import { pullImage } from '../engine/api/images.ts'
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import type { Project } from '../model/project.ts'
import { imageName } from './naming.ts'
import type { RunContext } from './run-context.ts'

/** `up --pull`: `always`, `missing` (default), `never`, or `policy` (each service's pull_policy). */
export type PullOption = 'always' | 'missing' | 'never' | 'policy'

export async function ensureImages(client: EngineClient, project: Project, services: Iterable<string>, images: Record<string, string | null>, pull: PullOption, ctx: RunContext): Promise<void> {
  const work: Promise<void>[] = []
  const seen = new Set<string>()
  for (const name of services) {
    const service = project.services[name]
    if (service === undefined) continue
    const ref = imageName(project.name, service)
    if (seen.has(ref)) continue
    seen.add(ref)
    const policy = pull === 'policy' ? (service.pull_policy ?? 'missing') : pull
    const present = images[ref] !== null && images[ref] !== undefined
    if (policy === 'never' || policy === 'build' || (present && policy !== 'always')) {
      if (!present) {
        throw new ComposeError('CONVERGE_IMAGE_MISSING', `service "${name}": image ${ref} is not present locally${service.build !== undefined ? ' and building is not available here' : ''}`, {
          hint: service.build !== undefined ? `build it first (\`compose build ${name}\`)` : `pull it (\`docker pull ${ref}\`) or allow pulls (pull_policy/--pull)`,
        })
      }
      continue
    }
    work.push(
      (async () => {
        ctx.emit?.({ type: 'progress', id: `Image ${ref}`, status: 'Pulling' })
        try {
          const inspected = await pullImage(client, ref, { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(service.platform === undefined ? {} : { platform: service.platform }) })
          images[ref] = inspected.Id
          ctx.emit?.({ type: 'progress', id: `Image ${ref}`, status: 'Pulled' })
        } catch (error) {
          if (present) {
            ctx.emit?.({ type: 'warning', message: `service "${name}": pull of ${ref} failed, using the local image: ${error instanceof Error ? error.message : String(error)}` })
            return
          }
          throw new ComposeError(isComposeError(error) ? error.code : 'CONVERGE_IMAGE_MISSING', `service "${name}": image ${ref} is missing and could not be pulled: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
        }
      })(),
    )
  }
  const results = await Promise.allSettled(work)
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
}
