/** `compose pause`: pause the running containers of the services. */
import { defineCommand } from '../define.ts'
import { printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'pause',
  description: 'Pause services',
  usage: '[SERVICE...]',
  flags: {},
  async run(ctx) {
    const { args, global, io, signal } = ctx
    return withProject(ctx, { lock: true, services: args, byName: true }, async ({ project }) => {
      const result = await project.pause({ services: args, dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
