/** `compose attach SERVICE`: the terminal to a service container's main process. */
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { openTerminal, stdinIsTTY } from '../terminal.ts'
import { withProject } from './_project-command.ts'

export default defineCommand({
  name: 'attach',
  noDryRun: 'it would attach to a container',
  description: "Attach local standard input, output, and error streams to a service's running container",
  usage: '[OPTIONS] SERVICE',
  flags: {
    'detach-keys': { type: 'string', placeholder: 'KEYS', description: 'Override the key sequence for detaching from a container' },
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
    'no-stdin': { type: 'boolean', description: 'Do not attach STDIN' },
    'sig-proxy': { type: 'boolean', default: true, description: 'Proxy all received signals to the process' },
  },
  async run(ctx) {
    const { flags, args, signal } = ctx
    const [service] = args
    if (service === undefined || args.length > 1) throw new ComposeError('CLI_USAGE', 'attach needs exactly one service', { hint: 'compose attach [OPTIONS] SERVICE' })
    return withProject(ctx, { services: [service] }, async ({ project }) => {
      const terminal = openTerminal({ tty: stdinIsTTY() && !flags['no-stdin'], stdin: !flags['no-stdin'], forwardSignals: ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] })
      try {
        const result = await project.attach({
          service,
          noStdin: flags['no-stdin'],
          sigProxy: flags['sig-proxy'],
          ...(flags.index === undefined ? {} : { index: flags.index }),
          ...(flags['detach-keys'] === undefined ? {} : { detachKeys: flags['detach-keys'] }),
          io: terminal.io,
          signal,
        })
        return result.exitCode ?? 0
      } finally {
        terminal.restore()
      }
    })
  },
})
