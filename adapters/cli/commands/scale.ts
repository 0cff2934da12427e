/** `compose scale SERVICE=N…`: set the number of containers of services (`up` with `--scale`, detached). */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { parseScale, printPlan, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'scale',
  description: 'Scale services',
  usage: '[OPTIONS] [SERVICE=REPLICAS...]',
  flags: {
    'no-deps': { type: 'boolean', description: "Don't start linked services" },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    if (args.length === 0) throw new ComposeError('CLI_USAGE', 'scale needs at least one SERVICE=REPLICAS argument', { hint: 'e.g. `compose scale web=3`' })
    const scale = parseScale(args, 'scale argument')
    const services = Object.keys(scale)
    return withProject(ctx, { lock: true, services }, async ({ project }) => {
      const result = await project.up({ services, scale, noDeps: flags['no-deps'], dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
