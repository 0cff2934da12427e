/**
 * `compose alpha`: docker compose's experimental commands. `viz` prints the project as a
 * graphviz graph; `publish` and `generate` are not available here.
 */
import { ComposeError } from '../../../core/errors.ts'
import { renderViz } from '../../../core/config/viz.ts'
import { defineCommand } from '../define.ts'
import { cliCompose, projectOptions } from '../project.ts'
import { createProgress } from '../render/progress.ts'

const SUBCOMMANDS = { viz: 'EXPERIMENTAL - Generate a graphviz graph from your compose file' }

export default defineCommand({
  name: 'alpha',
  description: 'Experimental commands',
  usage: 'viz [OPTIONS]',
  flags: {
    ports: { type: 'boolean', description: "viz: include service's exposed ports in output graph" },
    networks: { type: 'boolean', description: "viz: include service's attached networks in output graph" },
    image: { type: 'boolean', description: "viz: include service's image name in output graph" },
    'indentation-size': { type: 'number', placeholder: 'N', description: 'viz: number of tabs or spaces to use for indentation (default 1)' },
    spaces: { type: 'boolean', description: "viz: indent with spaces ' ' instead of tabs" },
  },
  async run({ flags, args, global, io, signal }) {
    const [sub, ...rest] = args
    if (sub !== 'viz') {
      const known = Object.entries(SUBCOMMANDS).map(([name, what]) => `  ${name}  ${what}`).join('\n')
      throw new ComposeError('CLI_USAGE', sub === undefined ? 'compose alpha needs a command' : `unknown alpha command "${sub}"`, { hint: `available:\n${known}` })
    }
    if (rest.length > 0) throw new ComposeError('CLI_USAGE', `alpha viz takes no arguments (got ${rest.join(' ')})`)
    const size = flags['indentation-size'] ?? 1
    if (!Number.isInteger(size) || size < 0) throw new ComposeError('CLI_USAGE', `invalid indentation size: ${size}`)
    io.stderr.write('viz command is EXPERIMENTAL\n')
    const compose = await cliCompose(io, global, createProgress(io, 'quiet').emit)
    const { project } = await compose.load(await projectOptions(io, global, { signal }))
    io.stdout.write(`${renderViz(project, { networks: flags.networks, ports: flags.ports, image: flags.image, indentation: (flags.spaces ? ' ' : '\t').repeat(size) })}\n`)
    return 0
  },
})
