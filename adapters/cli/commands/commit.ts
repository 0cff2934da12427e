/** `compose commit SERVICE [REPOSITORY[:TAG]]`: a new image from a service container's changes. */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'commit',
  noDryRun: 'it would create an image',
  description: "Create a new image from a service container's changes",
  usage: '[OPTIONS] SERVICE [REPOSITORY[:TAG]]',
  flags: {
    author: { type: 'string', short: 'a', placeholder: 'AUTHOR', description: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    change: { type: 'strings', short: 'c', placeholder: 'INSTRUCTION', description: 'Apply Dockerfile instruction to the created image' },
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
    message: { type: 'string', short: 'm', placeholder: 'MESSAGE', description: 'Commit message' },
    pause: { type: 'boolean', short: 'p', default: true, description: 'Pause container during commit' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    const [service, reference] = args
    if (service === undefined || args.length > 2) throw new ComposeError('CLI_USAGE', 'commit needs a service', { hint: 'compose commit [OPTIONS] SERVICE [REPOSITORY[:TAG]]' })
    return withProject(ctx, { services: [service] }, async ({ project }) => {
      const id = await project.commit({
        service,
        pause: flags.pause,
        changes: flags.change,
        ...(reference === undefined ? {} : { reference }),
        ...(flags.author === undefined ? {} : { author: flags.author }),
        ...(flags.message === undefined ? {} : { message: flags.message }),
        ...(flags.index === undefined ? {} : { index: flags.index }),
        signal,
      })
      io.stdout.write(`${id}\n`)
      return 0
    })
  },
})
