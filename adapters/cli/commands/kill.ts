/** `compose kill`: send a signal (default SIGKILL) to the running containers. */
import { kill } from '../../../core/commands/kill.ts'
import { defineCommand } from '../define.ts'
import { printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'kill',
  description: 'Force stop service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'remove-orphans': { type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
    signal: { type: 'string', short: 's', placeholder: 'SIGNAL', default: 'SIGKILL', description: 'SIGNAL to send to the container' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    return withProject(ctx, { lock: true, services: args, byName: true }, async ({ project }) => {
      // core's KillOptions.signal (the kill signal) clashes with the facade's AbortSignal: call core directly
      const options = { services: args, removeOrphans: flags['remove-orphans'], ...(flags.signal === undefined ? {} : { signal: flags.signal }), dryRun: global.dryRun }
      const result = await kill(project.client, project.project, options, project.context(signal))
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
