/**
 * `compose pull`: pull the services' images in parallel, one progress row per image with layer
 * totals on stderr (docker compose `cmd/compose/pull.go`). Credentials come from the Docker config.
 */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'pull',
  description: 'Pull service images',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'ignore-buildable': { type: 'boolean', description: 'Ignore images that can be built' },
    'ignore-pull-failures': { type: 'boolean', description: 'Pull what it can and ignores images with pull failures' },
    'include-deps': { type: 'boolean', description: 'Also pull services declared as dependencies' },
    policy: { type: 'string', placeholder: 'POLICY', description: 'Apply pull policy ("missing"|"always")' },
    quiet: { type: 'boolean', short: 'q', description: 'Pull without printing progress information' },
    // docker-compose v1's switches, still accepted (and ignored) by docker compose: pulls are parallel
    parallel: { type: 'boolean', hidden: true, description: 'Deprecated: pulls run in parallel (--parallel N before the command limits them)' },
    'no-parallel': { type: 'boolean', hidden: true, description: 'Deprecated and ignored' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const policy = flags.policy
    if (policy !== undefined && policy !== 'missing' && policy !== 'always') {
      throw new ComposeError('CLI_USAGE', `invalid --policy value "${policy}"`, { hint: 'use missing or always' })
    }
    const quiet = flags.quiet ? { filter: (e: { type: string }) => e.type === 'warning' || e.type === 'error' } : {}
    return withProject(ctx, { services: args, ...quiet }, async ({ project }) => {
      const result = await project.pull({
        services: args,
        includeDeps: flags['include-deps'],
        ignorePullFailures: flags['ignore-pull-failures'],
        ignoreBuildable: flags['ignore-buildable'],
        quiet: flags.quiet,
        ...(policy === 'missing' || policy === 'always' ? { policy } : {}),
        dryRun: global.dryRun,
        signal,
      })
      if (global.dryRun) {
        const skipped = new Set(result.skipped.map((s) => s.service))
        for (const name of Object.keys(project.project.services)) {
          const image = project.project.services[name]?.image
          if ((args.length === 0 || args.includes(name)) && !skipped.has(name) && image !== undefined) io.stdout.write(`DRY-RUN MODE - pull ${image}\n`)
        }
      }
      return 0
    })
  },
})
