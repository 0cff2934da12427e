/** `compose start`: start the existing containers of the services. */
import { defineCommand } from '../define.ts'
import { printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'start',
  description: 'Start services',
  usage: '[SERVICE...]',
  flags: {},
  async run(ctx) {
    const { args, global, io, signal } = ctx
    return withProject(ctx, { lock: true, services: args }, async ({ project }) => {
      const result = await project.start({ services: args, dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
