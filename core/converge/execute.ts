/**
 * Execute: walks the plan DAG in parallel (bounded by `--parallel`), one Engine call per node
 * (./_operations.ts). It decides nothing: a node runs once its dependencies succeeded; a failed
 * node skips everything that depends on it, the rest carries on, and the result names each
 * failed service with its cause.
 */
import type { EngineClient } from '../engine/client.ts'
import { ComposeError, isComposeError } from '../errors.ts'
import { createLimiter } from '../graph/limit.ts'
import type { Project } from '../model/project.ts'
import { runOperation, type OperationState } from './_operations.ts'
import { resourceOf, serviceOf, type Plan, type PlanNode } from './plan.ts'
import type { RunContext } from './run-context.ts'

export interface ExecuteResult {
  done: number[]
  failed: { node: PlanNode; error: unknown }[]
  skipped: PlanNode[]
  /** IDs of the containers created, by create node. */
  created: Record<number, string>
}

export interface ExecuteOptions {
  /** Image IDs by reference, for the image label. */
  images?: Readonly<Record<string, string | null>>
}

export async function execute(client: EngineClient, project: Project, plan: Plan, ctx: RunContext, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const limit = createLimiter(ctx.parallel)
  const state: OperationState = { client, project, ctx, created: new Map(), images: options.images ?? {} }
  const result: ExecuteResult = { done: [], failed: [], skipped: [], created: {} }
  const runs = new Map<number, Promise<boolean>>()
  const run = (node: PlanNode): Promise<boolean> => {
    let p = runs.get(node.id)
    if (p !== undefined) return p
    p = (async () => {
      const deps = await Promise.all(node.deps.map((d) => (plan.node(d) === undefined ? Promise.resolve(true) : run(plan.node(d) as PlanNode))))
      if (deps.some((ok) => !ok) || ctx.signal?.aborted === true) {
        result.skipped.push(node)
        return false
      }
      try {
        // waits hold no engine connection slot: they only poll
        if (node.op.type === 'service:wait') await runOperation(state, node)
        else await limit(() => runOperation(state, node))
        result.done.push(node.id)
        return true
      } catch (error) {
        result.failed.push({ node, error: attribute(node, error) })
        return false
      }
    })()
    runs.set(node.id, p)
    return p
  }
  await Promise.all(plan.nodes.map(run))
  for (const [node, id] of state.created) result.created[node] = id
  // an interrupted run is not a success, whatever was done before the abort
  if (ctx.signal?.aborted === true) throw ctx.signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
  return result
}

/** Names the service (or resource) in the error message, keeping the code. */
function attribute(node: PlanNode, error: unknown): ComposeError {
  const service = serviceOf(node.op)
  const what = service === undefined ? resourceOf(node.op) : `service "${service}"`
  if (isComposeError(error)) {
    if (error.message.startsWith(what)) return error
    return new ComposeError(error.code, `${what}: ${error.message}`, { cause: error, ...(error.status === undefined ? {} : { status: error.status }), ...(error.hint === undefined ? {} : { hint: error.hint }) })
  }
  return new ComposeError('ENGINE_ERROR', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
}

/** Throws the first failure (mentioning how many others failed and what was skipped). */
export function throwIfFailed(result: ExecuteResult): void {
  const first = result.failed[0]
  if (first === undefined) return
  const error = first.error as ComposeError
  const more = result.failed.length - 1
  if (more === 0 && result.skipped.length === 0) throw error
  const skipped = [...new Set(result.skipped.map((n) => serviceOf(n.op)).filter((s): s is string => s !== undefined))]
  const tail = [more > 0 ? `${more} more failure(s)` : '', skipped.length > 0 ? `not done: ${skipped.join(', ')}` : ''].filter((s) => s !== '').join('; ')
  throw new ComposeError(error.code, `${error.message} (${tail})`, { cause: error, ...(error.hint === undefined ? {} : { hint: error.hint }) })
}
