/** `compose wait SERVICE…`: block until the containers stop; exits with the last one's code. */
import { waitServices } from '../../../core/commands/wait.ts'
import { defineCommand } from '../define.ts'
import { printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'wait',
  description: 'Block until containers of all (or specified) services stop.',
  usage: 'SERVICE [SERVICE...] [OPTIONS]',
  flags: {
    'down-project': { type: 'boolean', description: 'Drops project when the first container stops' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    return withProject(ctx, { services: args }, async ({ project }) => {
      const code = await waitServices(project.client, project.name, { services: args }, project.context(signal), (exit) => {
        io.stdout.write(`container "${exit.id}" exited with status code ${exit.exitCode}\n`)
      })
      if (flags['down-project']) {
        // a dry run waits (it only reads) and then prints the plan of `down` instead of acting
        const result = await project.down({ removeOrphans: true, dryRun: ctx.global.dryRun })
        if (ctx.global.dryRun) printPlan(io, result.plan)
      }
      return code
    })
  },
})
