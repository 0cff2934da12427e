/** `compose cp SERVICE:SRC DEST` / `compose cp SRC SERVICE:DEST`; `-` is a tar stream on stdin/stdout. */
import process from 'node:process'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'cp',
  noDryRun: 'it would copy files',
  description: 'Copy files/folders between a service container and the local filesystem',
  usage: '[OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n       compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH',
  flags: {
    all: { type: 'boolean', description: 'Include containers created by the run command' },
    archive: { type: 'boolean', short: 'a', description: 'Archive mode (copy all uid/gid information)' },
    'follow-link': { type: 'boolean', short: 'L', description: 'Always follow symbol link in SRC_PATH' },
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    const [source, destination] = args
    if (source === undefined || destination === undefined || args.length > 2) throw new ComposeError('CLI_USAGE', 'cp needs a source and a destination', { hint: 'compose cp SERVICE:SRC_PATH DEST_PATH or compose cp SRC_PATH SERVICE:DEST_PATH' })
    if (destination === '-' && io.stdout.isTTY) throw new ComposeError('CLI_USAGE', 'cowardly refusing to write a tar stream to a terminal', { hint: 'redirect stdout to a file or a pipe' })
    return withProject(ctx, {}, async ({ project }) => {
      await project.cp({
        source,
        destination,
        all: flags.all,
        archive: flags.archive,
        followLink: flags['follow-link'],
        ...(flags.index === undefined ? {} : { index: flags.index }),
        stdin: io.stdin,
        stdout: (chunk) => {
          if (process.stdout.write(chunk)) return
          return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))
        },
        signal,
      })
      return 0
    })
  },
})
