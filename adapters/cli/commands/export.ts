/** `compose export SERVICE`: the container's file system as a tar archive (stdout or `-o FILE`). */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import process from 'node:process'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'export',
  noDryRun: 'it would write a file system archive',
  description: "Export a service container's filesystem as a tar archive",
  usage: '[OPTIONS] SERVICE',
  flags: {
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
    output: { type: 'string', short: 'o', placeholder: 'FILE', description: 'Write to a file, instead of STDOUT' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    const [service] = args
    if (service === undefined || args.length > 1) throw new ComposeError('CLI_USAGE', 'export needs exactly one service', { hint: 'compose export [OPTIONS] SERVICE' })
    if (flags.output === undefined && io.stdout.isTTY) throw new ComposeError('CLI_USAGE', 'output is a terminal: refusing to write a tar archive to it', { hint: 'use -o FILE or redirect stdout' })
    return withProject(ctx, { services: [service] }, async ({ project }) => {
      const tar = await project.export({ service, ...(flags.index === undefined ? {} : { index: flags.index }), signal })
      const out = flags.output === undefined ? process.stdout : createWriteStream(flags.output)
      for await (const chunk of tar) if (!out.write(chunk)) await once(out, 'drain')
      if (out !== process.stdout) {
        out.end()
        await once(out, 'finish')
      }
      return 0
    })
  },
})
