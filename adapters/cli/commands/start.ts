/** `compose start`: start the existing containers of the services. */
import { defineCommand } from '../define.ts'
import { printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'start',
  description: 'Start services',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    wait: { type: 'boolean', description: 'Wait for services to be running|healthy' },
    'wait-timeout': { type: 'number', placeholder: 'SECONDS', description: 'Maximum duration in seconds to wait for the project to be running|healthy' },
  },
  async run(ctx) {
    const { args, flags, global, io, signal } = ctx
    return withProject(ctx, { lock: true, services: args, byName: true }, async ({ project }) => {
      const result = await project.start({
        services: args,
        dryRun: global.dryRun,
        signal,
        ...(flags.wait ? { wait: true } : {}),
        ...(flags['wait-timeout'] === undefined ? {} : { waitTimeout: flags['wait-timeout'] }),
      })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
