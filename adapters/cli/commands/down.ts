/**
 * `compose down`: stop and remove containers and networks; `-v` named and anonymous volumes,
 * `--rmi local|all` images. With services, only their containers and their dependents' (the
 * networks and volumes other containers still use stay, with a warning).
 */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { printPlan, timeoutOf, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'down',
  description: 'Stop and remove containers, networks',
  usage: '[OPTIONS] [SERVICES]',
  flags: {
    'remove-orphans': { type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
    rmi: { type: 'string', placeholder: 'TYPE', description: 'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")' },
    timeout: { type: 'number', short: 't', placeholder: 'SECONDS', description: 'Specify a shutdown timeout in seconds' },
    volumes: { type: 'boolean', short: 'v', description: 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    if (flags.rmi !== undefined && flags.rmi !== 'local' && flags.rmi !== 'all') {
      throw new ComposeError('CLI_USAGE', `invalid --rmi value "${flags.rmi}"`, { hint: 'use local or all' })
    }
    const rmi: { rmi?: 'local' | 'all' } = flags.rmi === 'local' || flags.rmi === 'all' ? { rmi: flags.rmi } : {}
    const timeout = timeoutOf(flags.timeout)
    const t = timeout === undefined ? {} : { timeout }
    return withProject(ctx, args.length > 0 ? { lock: true, byName: true, services: args } : { lock: true, byName: true }, async ({ project }) => {
      const result = await project.down({ services: args, volumes: flags.volumes, removeOrphans: flags['remove-orphans'], ...rmi, ...t, dryRun: global.dryRun, signal })
      if (global.dryRun) printPlan(io, result.plan)
      return 0
    })
  },
})
