/** `compose run SERVICE [COMMAND] [ARGS...]`: a one-off container; its exit code is ours. */
import { ComposeError } from '../../../core/errors.ts'
import type { PullOption } from '../../../core/converge/images.ts'
import { defineCommand } from '../define.ts'
import { openTerminal, stdinIsTTY } from '../terminal.ts'
import { createProgress } from '../render/progress.ts'
import { withProject } from './_project-command.ts'
import { quietFilter } from './_progress-filters.ts'
import { envFromFiles } from './_env-from-file.ts'

const PULL = ['always', 'missing', 'never', 'policy'] as const

export default defineCommand({
  name: 'run',
  noDryRun: 'it would create and run a container',
  description: 'Run a one-off command on a service',
  usage: '[OPTIONS] SERVICE [COMMAND] [ARGS...]',
  stopAtPositional: true,
  flags: {
    build: { type: 'boolean', description: 'Build image before starting container' },
    'cap-add': { type: 'strings', placeholder: 'CAP', description: 'Add Linux capabilities' },
    'cap-drop': { type: 'strings', placeholder: 'CAP', description: 'Drop Linux capabilities' },
    detach: { type: 'boolean', short: 'd', description: 'Run container in background and print container ID' },
    entrypoint: { type: 'string', placeholder: 'CMD', description: 'Override the entrypoint of the image' },
    env: { type: 'strings', short: 'e', placeholder: 'KEY=VAL', description: 'Set environment variables' },
    'env-from-file': { type: 'strings', placeholder: 'FILE', description: 'Set environment variables from file' },
    interactive: { type: 'boolean', short: 'i', default: true, description: 'Keep STDIN open even if not attached' },
    label: { type: 'strings', short: 'l', placeholder: 'KEY=VAL', description: 'Add or override a label' },
    name: { type: 'string', placeholder: 'NAME', description: 'Assign a name to the container' },
    'no-tty': { type: 'boolean', short: 'T', description: 'Disable pseudo-TTY allocation (default: auto-detected)' },
    'no-deps': { type: 'boolean', description: "Don't start linked services" },
    publish: { type: 'strings', short: 'p', placeholder: 'PORT', description: "Publish a container's port(s) to the host" },
    pull: { type: 'string', placeholder: 'POLICY', description: 'Pull image before running ("always"|"missing"|"never"|"policy")' },
    'quiet-pull': { type: 'boolean', description: 'Pull without printing progress information' },
    'quiet-build': { type: 'boolean', description: 'Suppress progress output from the build process' },
    quiet: { type: 'boolean', short: 'q', description: "Don't print anything to STDOUT" },
    'remove-orphans': { type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
    rm: { type: 'boolean', description: 'Automatically remove the container when it exits' },
    'service-ports': { type: 'boolean', short: 'P', description: "Run command with all service's ports enabled and mapped to the host" },
    'use-aliases': { type: 'boolean', description: "Use the service's network aliases in the network(s) the container connects to" },
    user: { type: 'string', short: 'u', placeholder: 'USER', description: 'Run as specified username or uid' },
    volume: { type: 'strings', short: 'v', placeholder: 'VOLUME', description: 'Bind mount a volume' },
    workdir: { type: 'string', short: 'w', placeholder: 'DIR', description: 'Working directory inside the container' },
  },
  async run(ctx) {
    const { flags, args, io, signal } = ctx
    const [service, ...command] = args
    if (service === undefined) throw new ComposeError('CLI_USAGE', 'run needs a service', { hint: 'compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]' })
    if (flags.pull !== undefined && !(PULL as readonly string[]).includes(flags.pull)) throw new ComposeError('CLI_USAGE', `invalid --pull value "${flags.pull}"`, { hint: `use one of: ${PULL.join(', ')}` })
    if (flags.publish.length > 0 && flags['service-ports']) throw new ComposeError('CLI_USAGE', '--service-ports and --publish are incompatible')
    const tty = !flags['no-tty'] && stdinIsTTY()
    return withProject(ctx, { services: [service], ...quietFilter(flags) }, async ({ project, swap }) => {
      const terminal = openTerminal({ tty, stdin: flags.interactive && !flags.detach, forwardSignals: ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] })
      // once the container talks, progress stops redrawing (warnings still show)
      let quiet = false
      const toQuiet = (): void => {
        if (quiet) return
        quiet = true
        swap(createProgress(io, 'quiet'))
      }
      const out = terminal.io
      const streams = { ...out, stdout: (c: Uint8Array) => (toQuiet(), out.stdout(c)), stderr: (c: Uint8Array) => (toQuiet(), out.stderr(c)) }
      try {
        const result = await project.run({
          service,
          ...(command.length > 0 ? { command } : {}),
          detach: flags.detach,
          rm: flags.rm,
          tty,
          interactive: flags.interactive,
          env: [...flags.env, ...envFromFiles(flags['env-from-file'], flags.env, project.project.environment ?? {}, io.cwd)],
          labels: flags.label,
          volumes: flags.volume,
          publish: flags.publish,
          servicePorts: flags['service-ports'],
          useAliases: flags['use-aliases'],
          noDeps: flags['no-deps'],
          capAdd: flags['cap-add'],
          capDrop: flags['cap-drop'],
          build: flags.build,
          ...(flags.pull === undefined ? {} : { pull: flags.pull as PullOption }),
          ...(flags.entrypoint === undefined ? {} : { entrypoint: flags.entrypoint }),
          ...(flags.name === undefined ? {} : { name: flags.name }),
          ...(flags.user === undefined ? {} : { user: flags.user }),
          ...(flags.workdir === undefined ? {} : { workdir: flags.workdir }),
          io: streams,
          signal,
        })
        if (flags.detach) io.stdout.write(`${result.container}\n`)
        return result.exitCode
      } finally {
        terminal.restore()
      }
    })
  },
})
