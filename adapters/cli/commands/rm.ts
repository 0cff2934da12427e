/**
 * `compose rm`: remove stopped service containers (`-s` stops running ones first, `-v` removes
 * their anonymous volumes). Asks first unless `-f` (docker compose pkg/compose/remove.go).
 */
import { displayName } from '../../../core/converge/naming.ts'
import { defineCommand } from '../define.ts'
import { confirm, printPlan, timeoutOf, withProject } from './_project-command.ts'

export default defineCommand({
  name: 'rm',
  description: 'Removes stopped service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    force: { type: 'boolean', short: 'f', description: "Don't ask to confirm removal" },
    stop: { type: 'boolean', short: 's', description: 'Stop the containers, if required, before removing' },
    volumes: { type: 'boolean', short: 'v', description: 'Remove any anonymous volumes attached to containers' },
    all: { type: 'boolean', short: 'a', hidden: true, description: 'Deprecated - no effect' },
    timeout: { type: 'number', short: 't', placeholder: 'SECONDS', hidden: true, description: 'Shutdown timeout in seconds with --stop' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    const timeout = timeoutOf(flags.timeout)
    const options = { services: args, stop: flags.stop, volumes: flags.volumes, force: flags.force, ...(timeout === undefined ? {} : { timeout }) }
    return withProject(ctx, { lock: true, services: args }, async ({ project }) => {
      const preview = await project.rm({ ...options, dryRun: true, signal })
      if (global.dryRun) {
        printPlan(io, preview.plan)
        return 0
      }
      const names = preview.plan.nodes.flatMap((n) => (n.op.type === 'container:remove' ? [displayName(project.name, n.op.target.name)] : []))
      if (names.length === 0) {
        io.stderr.write('No stopped containers\n')
        return 0
      }
      const message = `Going to remove ${names.join(', ')}`
      if (flags.force) io.stdout.write(`${message}\n`)
      else if (!(await confirm(io, `${message}\nAre you sure? [yN] `))) return 0
      await project.rm({ ...options, signal })
      return 0
    })
  },
})
