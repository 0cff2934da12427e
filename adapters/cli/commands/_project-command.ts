/**
 * What the lifecycle commands share: load the project with progress on stderr, run, print the
 * plan under `--dry-run`, release the engine connections. Each command file only maps its flags.
 */
import { ComposeError } from '../../../core/errors.ts'
import type { ComposeEvent } from '../../../core/events.ts'
import type { Plan } from '../../../core/converge/plan.ts'
import type { UpOptions } from '../../../core/commands/up.ts'
import type { ComposeProject } from '../../lib/project.ts'
import type { CommandContext, FlagSpecs } from '../define.ts'
import type { CliIo } from '../io.ts'
import { openProject } from '../project.ts'
import { lockProject, type ProjectLock } from './_project-lock.ts'
import { createProgress, progressMode, type ProgressMode, type ProgressRenderer } from '../render/progress.ts'
import { release } from '../engine.ts'

export interface ProjectRun {
  project: ComposeProject
  /** The renderer core's events go to; `swap` replaces it (attached `up` after its start phase). */
  progress: ProgressRenderer
  mode: ProgressMode
  swap(next: ProgressRenderer): void
  /** Lets other commands on the project run (attached `up` once its start phase is over). */
  unlock(): void
}

export interface ProjectRunOptions {
  /** Services named on the command line. */
  services?: string[]
  /** Drops progress events (warnings still show), e.g. pulls under `--quiet-pull`. */
  filter?: (event: ComposeEvent) => boolean
  /** Changes the project: one such command per project at a time on this host (not with --dry-run). */
  lock?: boolean
  /** Without a compose file, `-p NAME` finds the project in the engine (down, stop, start, …). */
  byName?: boolean
}

/** Opens the project, runs `fn`, and always stops the renderer and closes the client. */
export async function withProject<F extends FlagSpecs>(ctx: CommandContext<F>, options: ProjectRunOptions, fn: (run: ProjectRun) => Promise<number>): Promise<number> {
  const mode = progressMode(ctx.global, ctx.io)
  let progress = createProgress(ctx.io, mode)
  const emit = (event: ComposeEvent): void => {
    if (options.filter === undefined || options.filter(event)) progress.emit(event)
  }
  const project = await openProject(ctx.io, ctx.global, { ...(options.services === undefined ? {} : { services: options.services }), emit, signal: ctx.signal, byName: options.byName === true })
  let lock: ProjectLock | undefined
  if (options.lock === true && !ctx.global.dryRun) {
    lock = await lockProject(project.name, () => ctx.io.stderr.write(`waiting for another compose command on project "${project.name}" to finish\n`), ctx.signal).catch(async (error: unknown) => {
      release(project)
      throw error
    })
  }
  const run: ProjectRun = {
    project,
    mode,
    get progress() {
      return progress
    },
    swap(next) {
      progress.done()
      progress = next
    },
    unlock() {
      lock?.release()
      lock = undefined
    },
  }
  try {
    return await fn(run)
  } catch (error) {
    // Ctrl-C: docker compose exits 130 for a command cancelled by a signal
    if (ctx.signal.aborted) {
      ctx.io.stderr.write('interrupted\n')
      return 130
    }
    throw error
  } finally {
    run.unlock()
    progress.done()
    release(project)
  }
}

/** `--dry-run`: the actions, one per line, on stdout. */
export function printPlan(io: CliIo, plan: Plan): void {
  if (plan.empty) io.stderr.write('DRY-RUN MODE - nothing to do\n')
  for (const line of plan.toString().split('\n')) if (line !== '') io.stdout.write(`DRY-RUN MODE - ${line}\n`)
}

/** `-t, --timeout`: whole seconds, not negative. */
export function timeoutOf(value: number | undefined, flag = '--timeout'): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < 0) throw new ComposeError('CLI_USAGE', `invalid ${flag} value "${value}": use a whole number of seconds`)
  return value
}

/** `SERVICE=N` pairs (`--scale web=3`, `scale web=3 db=1`). */
export function parseScale(pairs: readonly string[], flag = '--scale'): Record<string, number> {
  const out: Record<string, number> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    const service = eq < 0 ? '' : pair.slice(0, eq)
    const count = eq < 0 ? Number.NaN : Number(pair.slice(eq + 1))
    if (service === '' || !Number.isInteger(count) || count < 0 || pair.slice(eq + 1).trim() === '') {
      throw new ComposeError('CLI_USAGE', `invalid ${flag} value "${pair}"`, { hint: 'use SERVICE=NUMBER, e.g. web=3' })
    }
    out[service] = count
  }
  return out
}

/**
 * `up`/`create` ask before they recreate a changed volume, as docker compose does, when stdin is
 * a terminal; elsewhere the answer is no (a warning says `-y` would recreate it).
 */
export function withVolumePrompt(io: CliIo, options: UpOptions): UpOptions {
  if (options.yes === true || !io.stdin.isTTY) return options
  return { ...options, confirm: (question) => confirm(io, `${question} [y/N] `) }
}

/** Reads one answer from stdin: `y`/`yes` is yes; end of input is the default. */
export async function confirm(io: CliIo, question: string, fallback = false): Promise<boolean> {
  io.stderr.write(question)
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of io.stdin) {
    text += decoder.decode(chunk, { stream: true })
    if (text.includes('\n')) break
  }
  const answer = text.split('\n')[0]?.trim().toLowerCase() ?? ''
  if (answer === '') return fallback
  return answer === 'y' || answer === 'yes'
}
