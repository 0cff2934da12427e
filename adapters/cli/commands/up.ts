/** `compose up`: create and start containers; attached unless `-d`/`--wait` (docker compose cmd/compose/up.go). */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { runAttachedUp } from './_attached-up.ts'
import { printPlan, withProject, withVolumePrompt } from './_project-command.ts'
import { quietFilter } from './_progress-filters.ts'
import { toUpPlan, UP_FLAGS } from './_up-flags.ts'
import { printWatch } from './watch.ts'

export default defineCommand({
  name: 'up',
  description: 'Create and start containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: UP_FLAGS,
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const parsed = toUpPlan(flags, args, io.env)
    const plan = { ...parsed, options: withVolumePrompt(io, { ...parsed.options, ...(global.allResources ? { allResources: true } : {}) }) }
    // docker compose's shortcuts (d: detach, w: watch) need raw keyboard input, which attached
    // `up` does not take yet; COMPOSE_MENU, which only sets a default, is accepted silently
    if (flags.menu) io.stderr.write('WARN[0000] --menu: interactive shortcuts are not available in this compose; ignored\n')
    return withProject(ctx, { lock: true, services: args, ...quietFilter(flags) }, async (run) => {
      if (plan.exitCodeFrom !== undefined && run.project.project.services[plan.exitCodeFrom] === undefined) {
        throw new ComposeError('GRAPH_NO_SUCH_SERVICE', `--exit-code-from: no such service: ${plan.exitCodeFrom}`, { hint: `services: ${Object.keys(run.project.project.services).join(', ')}` })
      }
      if (global.dryRun) {
        const result = await run.project.up({ ...plan.options, dryRun: true, signal })
        printPlan(io, result.plan)
        if (!plan.detach) io.stdout.write("end of 'compose up' output, interactive run is not supported in dry-run mode\n")
        return 0
      }
      if (flags.watch) {
        // once the services are up, the develop.watch rules sync and rebuild while the logs are followed
        const stopWatching = new AbortController()
        signal.addEventListener('abort', () => stopWatching.abort(), { once: true })
        let watching: Promise<void> = Promise.resolve()
        const onStarted = (): void => {
          watching = printWatch(io, run.project.watch({ ...(args.length > 0 ? { services: args } : {}), signal: stopWatching.signal }), false).catch((error: unknown) => {
            if (!stopWatching.signal.aborted) throw error
          })
        }
        try {
          return await runAttachedUp({ flags, services: args, io, signal, onForce: ctx.onForce, onStarted }, run, plan)
        } finally {
          stopWatching.abort()
          await watching
        }
      }
      if (plan.detach) {
        await run.project.up({ ...plan.options, signal })
        return 0
      }
      return runAttachedUp({ flags, services: args, io, signal, onForce: ctx.onForce }, run, plan)
    })
  },
})
