/** `compose restart`: restart service containers (stopped ones are started too). */
import { defineCommand } from '../define.ts'
import { printPlan, timeoutOf, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'restart',
  description: 'Restart service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'no-deps': { type: 'boolean', description: "Don't restart dependent services" },
    timeout: { type: 'number', short: 't', placeholder: 'SECONDS', description: 'Specify a shutdown timeout in seconds' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const timeout = timeoutOf(flags.timeout)
    return withProject(ctx, { lock: true, services: args, byName: true }, async ({ project }) => {
      const result = await project.restart({ services: args, noDeps: flags['no-deps'], ...(timeout === undefined ? {} : { timeout }), dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
