/**
 * The decisions of attached `up` (docker/compose cmd/compose/up.go, pkg/compose/up.go):
 * which services are attached, when the application is stopped (`--abort-on-container-exit`,
 * `--abort-on-container-failure`, Ctrl-C) and which exit code `up` returns
 * (`--exit-code-from`, 130 after an interrupt). Printing is the adapter's business.
 */
import { ComposeError } from '../errors.ts'
import { buildGraph, selectServices } from '../graph/graph.ts'
import type { Plan } from '../converge/plan.ts'
import type { Project } from '../model/project.ts'
import type { AttachEvent, AttachSession, StartedBy } from './_attach-logs.ts'

export interface AttachSelection {
  /** Services named on the command line (default all). */
  services?: readonly string[]
  /** `--attach`: exactly these. */
  attach?: readonly string[]
  /** `--no-attach`: never these. */
  noAttach?: readonly string[]
  /** `--attach-dependencies`: also the dependencies of the selected services. */
  attachDependencies?: boolean
}

/** The services whose output attached `up` prints. */
export function attachedServices(project: Project, selection: AttachSelection): string[] {
  let out: Set<string>
  if (selection.attach !== undefined && selection.attach.length > 0) {
    const unknown = selection.attach.filter((s) => project.services[s] === undefined)
    if (unknown.length > 0) throw new ComposeError('GRAPH_NO_SUCH_SERVICE', `cannot attach to services not included in up: ${unknown.join(', ')}`, { hint: `services: ${Object.keys(project.services).join(', ')}` })
    out = new Set(selection.attach)
  } else {
    const graph = buildGraph(project)
    const named = selection.services !== undefined && selection.services.length > 0 ? selection.services : undefined
    const chosen = selectServices(project, graph, named, { noDeps: selection.attachDependencies !== true })
    out = new Set([...chosen].filter((s) => project.services[s]?.attach !== false))
  }
  for (const s of selection.noAttach ?? []) out.delete(s)
  return [...out].sort()
}

/** The containers a plan creates or (re)starts, by engine name: their output is shown from their start. */
export function startedContainers(plan: Plan): Map<string, StartedBy> {
  const out = new Map<string, StartedBy>()
  for (const { op } of plan.nodes) {
    if (op.type === 'container:create') out.set(op.name, 'created')
    else if ((op.type === 'container:start' || op.type === 'container:restart' || op.type === 'container:unpause') && !out.has(op.target.name)) out.set(op.target.name, 'started')
  }
  return out
}

/** What stops the application when a container exits. */
export type OnExit = 'ignore' | 'stop' | 'fail'

export type SuperviseEvent = AttachEvent | { type: 'stopping'; reason: 'interrupt' | 'abort' }

export interface SuperviseOptions {
  onExit: OnExit
  /** `--exit-code-from`: the exit code of this service's first exited container. */
  exitCodeFrom?: string
  /** Stops the application gracefully (called once). */
  stop(): Promise<void>
  /** The user's interrupt (first Ctrl-C). */
  signal?: AbortSignal
  onEvent(event: SuperviseEvent): void
}

export interface SuperviseResult {
  exitCode: number
  interrupted: boolean
  /** Errors from stopping the application. */
  errors: unknown[]
}

/** Runs the session to its end: reports its events, stops the application when asked to. */
export async function superviseAttached(session: AttachSession, options: SuperviseOptions): Promise<SuperviseResult> {
  let exitCode = 0
  let stopping: Promise<void> | undefined
  let aborted = false
  let captured = false
  let interrupted = false
  const errors: unknown[] = []
  const stopApplication = (reason: 'interrupt' | 'abort'): void => {
    if (stopping !== undefined) return
    options.onEvent({ type: 'stopping', reason })
    stopping = options.stop().catch((error: unknown) => void errors.push(error))
  }
  const onInterrupt = (): void => {
    interrupted = true
    stopApplication('interrupt')
  }
  if (options.signal?.aborted === true) onInterrupt()
  else options.signal?.addEventListener('abort', onInterrupt, { once: true })
  try {
    for await (const event of session) {
      options.onEvent(event)
      if (event.type !== 'exited' || event.restarting) continue
      if (!aborted && options.onExit !== 'ignore' && !(options.onExit === 'fail' && event.exitCode === 0)) {
        aborted = true
        exitCode = event.exitCode
        stopApplication('abort')
      }
      if (!captured && options.exitCodeFrom !== undefined && event.service === options.exitCodeFrom) {
        captured = true
        exitCode = event.exitCode
      }
    }
    await stopping
  } finally {
    options.signal?.removeEventListener('abort', onInterrupt)
  }
  return { exitCode: interrupted ? 130 : exitCode, interrupted, errors }
}
