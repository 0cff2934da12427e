/** `compose stop`: stop running containers without removing them, dependents first. */
import { defineCommand } from '../define.ts'
import { printPlan, timeoutOf, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'stop',
  description: 'Stop services',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    timeout: { type: 'number', short: 't', placeholder: 'SECONDS', description: 'Specify a shutdown timeout in seconds' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const timeout = timeoutOf(flags.timeout)
    return withProject(ctx, { lock: true, services: args, byName: true }, async ({ project }) => {
      const result = await project.stop({ services: args, ...(timeout === undefined ? {} : { timeout }), dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
