/**
 * Attached `up`: after the start phase, prints "Attaching to …" and the interleaved output of
 * the attached services until they have all stopped; Ctrl-C and `--abort-on-*` stop the
 * application gracefully. The decisions live in core (_attached-up.ts, _attach-logs.ts);
 * this file prints.
 */
import { openAttachSession, type AttachSession, type StartedBy } from '../../../core/commands/_attach-logs.ts'
import { attachedServices, startedContainers, superviseAttached } from '../../../core/commands/_attached-up.ts'
import type { ParsedFlags } from '../define.ts'
import type { CliIo } from '../io.ts'
import { createLogPrinter } from '../render/log-printer.ts'
import { createProgress } from '../render/progress.ts'
import type { ProjectRun } from './_project-command.ts'
import type { UP_FLAGS, UpPlan } from './_up-flags.ts'
import { menuWanted, startNavMenu, type NavMenu } from './_nav-menu.ts'
import type { WatchControl } from './_watch-control.ts'

export interface AttachedUpContext {
  flags: ParsedFlags<typeof UP_FLAGS>
  services: string[]
  io: CliIo
  signal: AbortSignal
  /** What the second Ctrl-C does. */
  onForce(handler: () => void | Promise<void>): void
  /** The develop.watch rules, when a service has some: started at once with `--watch`, toggled by the menu. */
  watch?: WatchControl
}

export async function runAttachedUp(ctx: AttachedUpContext, run: ProjectRun, plan: UpPlan): Promise<number> {
  const { flags, io, signal, services } = ctx
  const { project } = run
  const attach = attachedServices(project.project, { services, attach: flags.attach, noAttach: flags['no-attach'], attachDependencies: flags['attach-dependencies'] })
  const session = await openAttachSession(project.client, project.name, { attach, monitor: services.length > 0 ? services : attach, timestamps: flags.timestamps })
  let started: Map<string, StartedBy>
  try {
    started = startedContainers((await project.up({ ...plan.options, signal })).plan)
  } catch (error) {
    session.close()
    throw error
  }
  run.unlock()
  // docker compose's navigation menu on a terminal: output goes above its line
  let detached = false
  let out: CliIo = io
  const menu: NavMenu | undefined = menuWanted(flags.menu, io) && run.mode !== 'plain'
    ? startNavMenu(io, {
        detach: () => {
          detached = true
          session.close()
        },
        ...(ctx.watch === undefined ? {} : { toggleWatch: (): boolean => toggle(ctx.watch as WatchControl, out) }),
        watching: flags.watch,
      })
    : undefined
  out = menu?.io ?? io
  try {
    return await follow(ctx, run, plan, session, started, out, () => detached)
  } finally {
    menu?.close()
  }
}

/** Prints the attached containers' output until they stop, the user interrupts, or detaches. */
async function follow(ctx: AttachedUpContext, run: ProjectRun, plan: UpPlan, session: AttachSession, started: Map<string, StartedBy>, out: CliIo, detached: () => boolean): Promise<number> {
  const { flags, io, signal, services } = ctx
  const { project } = run
  if (flags.watch) ctx.watch?.start(out)
  // logs and progress interleave from here: no redrawing
  run.swap(createProgress(out, run.mode === 'tty' ? 'plain' : run.mode))
  const names = await session.start(started)
  out.stdout.write(`Attaching to ${names.join(', ')}\n`)
  const printer = createLogPrinter(out, { prefix: !flags['no-log-prefix'], color: io.color && !flags['no-color'], timestamps: flags.timestamps })
  for (const name of names) printer.register(name)
  const timeout = plan.options.timeout
  // second Ctrl-C: kill what the graceful stop is still waiting for
  ctx.onForce(async () => {
    out.stdout.write('Killing...\n')
    await project.kill({ ...(services.length > 0 ? { services } : {}) }).catch(() => undefined)
  })
  const result = await superviseAttached(session, {
    onExit: plan.onExit,
    ...(plan.exitCodeFrom === undefined ? {} : { exitCodeFrom: plan.exitCodeFrom }),
    signal,
    // not bound to the interrupted signal: stopping must go on after the first Ctrl-C
    stop: async () => void (await project.stop({ ...(services.length > 0 ? { services } : {}), ...(timeout === undefined ? {} : { timeout }) })),
    onEvent(event) {
      switch (event.type) {
        case 'log':
          printer.write(event.entry)
          break
        case 'exited':
          printer.status(event.container, `exited with code ${event.exitCode}${event.restarting ? ' (restarting)' : ''}`)
          break
        case 'stopping':
          out.stdout.write(event.reason === 'interrupt' ? 'Gracefully stopping... (press Ctrl+C again to force)\n' : 'Aborting on container exit...\n')
          break
        case 'started':
          break
      }
    },
  })
  printer.close()
  if (result.errors.length > 0) throw result.errors[0]
  // `d`: the containers go on running; compose leaves with success
  return detached() ? 0 : result.exitCode
}

function toggle(watch: WatchControl, io: CliIo): boolean {
  if (watch.watching) watch.stop()
  else watch.start(io)
  return watch.watching
}
