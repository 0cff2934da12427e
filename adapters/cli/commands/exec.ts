/** `compose exec SERVICE COMMAND [ARGS...]`: a TTY when stdin is one (unless -T); exit code passed on. */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { openTerminal, stdinIsTTY } from '../terminal.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'exec',
  noDryRun: 'it would run a command in a container',
  description: 'Execute a command in a running container',
  usage: '[OPTIONS] SERVICE COMMAND [ARGS...]',
  stopAtPositional: true,
  flags: {
    detach: { type: 'boolean', short: 'd', description: 'Detached mode: Run command in the background' },
    env: { type: 'strings', short: 'e', placeholder: 'KEY=VAL', description: 'Set environment variables' },
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
    'no-tty': { type: 'boolean', short: 'T', description: 'Disable pseudo-TTY allocation. By default a TTY is allocated when stdin is one' },
    privileged: { type: 'boolean', description: 'Give extended privileges to the process' },
    user: { type: 'string', short: 'u', placeholder: 'USER', description: 'Run the command as this user' },
    workdir: { type: 'string', short: 'w', placeholder: 'DIR', description: 'Path to workdir directory for this command' },
    interactive: { type: 'boolean', short: 'i', default: true, hidden: true, description: 'Keep STDIN open even if not attached' },
    tty: { type: 'boolean', short: 't', default: true, hidden: true, description: 'Allocate a pseudo-TTY' },
  },
  async run(ctx) {
    const { flags, args, signal } = ctx
    const [service, ...command] = args
    if (service === undefined || command.length === 0) throw new ComposeError('CLI_USAGE', 'exec needs a service and a command', { hint: 'compose exec SERVICE COMMAND [ARGS...]' })
    const tty = !flags['no-tty'] && flags.tty && stdinIsTTY() && !flags.detach
    const interactive = flags.interactive && !flags.detach
    return withProject(ctx, { services: [service] }, async ({ project }) => {
      const terminal = openTerminal({ tty, stdin: interactive })
      try {
        const result = await project.exec({
          service,
          command,
          tty,
          interactive,
          detach: flags.detach,
          env: flags.env,
          privileged: flags.privileged,
          ...(flags.index === undefined ? {} : { index: flags.index }),
          ...(flags.user === undefined ? {} : { user: flags.user }),
          ...(flags.workdir === undefined ? {} : { workdir: flags.workdir }),
          io: terminal.io,
          signal,
        })
        return result.exitCode
      } finally {
        terminal.restore()
      }
    })
  },
})
