/** `compose create`: create the containers without starting them (`up --no-start`). */
import { defineCommand } from '../define.ts'
import { printPlan, withProject, withVolumePrompt } from './_project-command.ts'
import { CREATE_FLAGS, toCreateOptions } from './_up-flags.ts'
import { quietFilter } from './_progress-filters.ts'

export default defineCommand({
  name: 'create',
  description: 'Creates containers for a service',
  usage: '[OPTIONS] [SERVICE...]',
  flags: CREATE_FLAGS,
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const options = withVolumePrompt(io, { ...toCreateOptions(flags, args, io.env), ...(global.allResources ? { allResources: true } : {}) })
    return withProject(ctx, { lock: true, services: args, ...quietFilter(flags) }, async ({ project }) => {
      const result = await project.create({ ...options, dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
