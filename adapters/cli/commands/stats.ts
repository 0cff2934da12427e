/** `compose stats [SERVICE]`: live resource usage (`--no-stream` for one sample). */
import { formatStats } from '../../../core/commands/stats-format.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'stats',
  description: 'Display a live stream of container(s) resource usage statistics',
  usage: '[OPTIONS] [SERVICE]',
  flags: {
    all: { type: 'boolean', short: 'a', description: 'Show all containers (default shows just running)' },
    format: { type: 'string', placeholder: 'FORMAT', description: 'Format output using a custom template: table, json, or a Go-like template' },
    'no-stream': { type: 'boolean', description: 'Disable streaming stats and only pull the first result' },
    'no-trunc': { type: 'boolean', description: 'Do not truncate output' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    if (args.length > 1) throw new ComposeError('CLI_USAGE', 'stats takes at most one service')
    const [service] = args
    const format = flags.format ?? 'table'
    return withProject(ctx, service === undefined ? {} : { services: [service] }, async ({ project }) => {
      const options = { all: flags.all, ...(service === undefined ? {} : { service }), signal }
      if (flags['no-stream']) {
        io.stdout.write(formatStats(await project.stats(options), format))
        return 0
      }
      const redraw = io.stdout.isTTY && (format === 'table' || format.startsWith('table '))
      try {
        for await (const rows of project.statsStream(options)) io.stdout.write(`${redraw ? '\u001b[2J\u001b[H' : ''}${formatStats(rows, format)}`)
      } catch (error) {
        if (!signal.aborted) throw error
      }
      return 0
    })
  },
})
