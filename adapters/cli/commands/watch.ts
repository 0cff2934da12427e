/** `compose watch [SERVICE...]`: `up -d` (unless --no-up), then apply the `develop.watch` rules until Ctrl-C. */
import { defineCommand } from '../define.ts'
import type { CliIo } from '../io.ts'
import type { WatchEvent } from '../../../core/watch/watch.ts'
import { withProject } from './_project-command.ts'

/** One line per event: what was synced where, restarts, execs, rebuilds, failures. */
export function describeWatchEvent(e: WatchEvent): string | undefined {
  switch (e.type) {
    case 'watching':
      return `Watching ${e.path} for service "${e.service}" (${e.action}${e.target === undefined ? '' : ` → ${e.target}`})`
    case 'synced': {
      const what = [...e.copied.map((p) => `  ${p}`), ...e.deleted.map((p) => `  ${p} (deleted)`)]
      const head = `${e.initial ? 'Initial sync' : 'Synced'} ${e.copied.length + e.deleted.length} path(s) into ${e.container.slice(0, 12)} of service "${e.service}"`
      return [head, ...what.slice(0, 20), ...(what.length > 20 ? [`  … and ${what.length - 20} more`] : [])].join('\n')
    }
    case 'restarted':
      return `Restarted service "${e.service}"`
    case 'executed':
      return `Ran the sync+exec command in ${e.container.slice(0, 12)} of service "${e.service}": exit ${e.exitCode}${e.output.trim() === '' ? '' : `\n${e.output.trimEnd()}`}`
    case 'rebuilt':
      return `Rebuilt and recreated service "${e.service}"`
    case 'failed':
      return `Error: service "${e.service}": ${e.message}`
  }
}

export async function printWatch(io: CliIo, events: AsyncIterable<WatchEvent>, quiet: boolean): Promise<void> {
  for await (const e of events) {
    if (quiet && e.type !== 'failed') continue
    const line = describeWatchEvent(e)
    if (line !== undefined) (e.type === 'failed' ? io.stderr : io.stdout).write(`${line}\n`)
  }
}

export default defineCommand({
  name: 'watch',
  noDryRun: 'it would sync files into containers and rebuild them',
  description: 'Watch build context for service and rebuild/refresh containers when files are updated',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'no-up': { type: 'boolean', description: 'Do not build & start services before watching' },
    prune: { type: 'boolean', default: true, description: 'Prune dangling images on rebuild' },
    quiet: { type: 'boolean', description: 'Hide build output' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    return withProject(ctx, { services: args }, async ({ project }) => {
      if (!flags['no-up']) await project.up({ ...(args.length > 0 ? { services: args } : {}), signal })
      try {
        await printWatch(io, project.watch({ ...(args.length > 0 ? { services: args } : {}), signal }), flags.quiet)
      } catch (error) {
        if (!signal.aborted) throw error
      }
      return 0
    })
  },
})
