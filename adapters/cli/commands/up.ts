/** `compose up`: create and start containers; attached unless `-d`/`--wait` (docker compose cmd/compose/up.go). */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { runAttachedUp } from './_attached-up.ts'
import { printPlan, withProject, withVolumePrompt } from './_project-command.ts'
import { quietFilter } from './_progress-filters.ts'
import { toUpPlan, UP_FLAGS } from './_up-flags.ts'
import { watchControl } from './_watch-control.ts'

export default defineCommand({
  name: 'up',
  description: 'Create and start containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: UP_FLAGS,
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const parsed = toUpPlan(flags, args, io.env)
    const plan = { ...parsed, options: withVolumePrompt(io, { ...parsed.options, ...(global.allResources ? { allResources: true } : {}) }) }
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
      if (plan.detach) {
        await run.project.up({ ...plan.options, signal })
        return 0
      }
      // the develop.watch rules: watched from the start with --watch, or from the menu's `w`
      const watch = watchControl(run, args, signal)
      if (flags.watch && watch === undefined) throw new ComposeError('WATCH_INVALID', "none of the selected services is configured for watch, consider setting a 'develop' section")
      try {
        return await runAttachedUp({ flags, services: args, io, signal, onForce: ctx.onForce, ...(watch === undefined ? {} : { watch }) }, run, plan)
      } finally {
        watch?.stop()
        await watch?.settled()
      }
    })
  },
})
