/**
 * `compose push`: push the images of services that have both `build:` and `image:` (plus their
 * `build.tags`), with progress on stderr (docker compose `cmd/compose/push.go`).
 */
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'push',
  description: 'Push service images',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'ignore-push-failures': { type: 'boolean', description: 'Push what it can and ignores images with push failures' },
    'include-deps': { type: 'boolean', description: 'Also push images of services declared as dependencies' },
    quiet: { type: 'boolean', short: 'q', description: 'Push without printing progress information' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const quiet = flags.quiet ? { filter: (e: { type: string }) => e.type === 'warning' || e.type === 'error' } : {}
    return withProject(ctx, { services: args, ...quiet }, async ({ project }) => {
      const result = await project.push({
        services: args,
        includeDeps: flags['include-deps'],
        ignorePushFailures: flags['ignore-push-failures'],
        quiet: flags.quiet,
        dryRun: global.dryRun,
        signal,
      })
      if (global.dryRun) for (const image of result.planned ?? []) io.stdout.write(`DRY-RUN MODE - push ${image}\n`)
      return 0
    })
  },
})
