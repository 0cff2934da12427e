/**
 * `compose alpha`: docker compose's experimental commands. `viz` prints the project as a
 * graphviz graph; `generate` writes a compose model from existing containers. `publish` is not
 * available here.
 */
import { generate } from '../../../core/commands/generate.ts'
import { renderConfig } from '../../../core/config/render.ts'
import { renderViz } from '../../../core/config/viz.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand, type GlobalOptions, type ParsedFlags } from '../define.ts'
import { createEngineClient, release } from '../engine.ts'
import type { CliIo } from '../io.ts'
import { cliCompose, projectOptions } from '../project.ts'
import { createProgress } from '../render/progress.ts'

const SUBCOMMANDS = {
  viz: 'EXPERIMENTAL - Generate a graphviz graph from your compose file',
  generate: 'EXPERIMENTAL - Generate a Compose file from existing containers',
}

const FLAGS = {
  ports: { type: 'boolean', description: "viz: include service's exposed ports in output graph" },
  networks: { type: 'boolean', description: "viz: include service's attached networks in output graph" },
  image: { type: 'boolean', description: "viz: include service's image name in output graph" },
  'indentation-size': { type: 'number', placeholder: 'N', description: 'viz: number of tabs or spaces to use for indentation (default 1)' },
  spaces: { type: 'boolean', description: "viz: indent with spaces ' ' instead of tabs" },
  name: { type: 'string', placeholder: 'NAME', description: 'generate: project name to set in the Compose file' },
  format: { type: 'string', placeholder: 'FORMAT', description: 'generate: format the output. Values: [yaml | json] (default yaml)' },
} as const

type Flags = ParsedFlags<typeof FLAGS>

/** `alpha viz`: the project's services and dependencies as a graphviz graph. */
async function runViz(io: CliIo, global: GlobalOptions, flags: Flags, rest: string[], signal: AbortSignal): Promise<number> {
  if (rest.length > 0) throw new ComposeError('CLI_USAGE', `alpha viz takes no arguments (got ${rest.join(' ')})`)
  const size = flags['indentation-size'] ?? 1
  if (!Number.isInteger(size) || size < 0) throw new ComposeError('CLI_USAGE', `invalid indentation size: ${size}`)
  io.stderr.write('viz command is EXPERIMENTAL\n')
  const compose = await cliCompose(io, global, createProgress(io, 'quiet').emit)
  const { project } = await compose.load(await projectOptions(io, global, { signal }))
  io.stdout.write(`${renderViz(project, { networks: flags.networks, ports: flags.ports, image: flags.image, indentation: (flags.spaces ? ' ' : '\t').repeat(size) })}\n`)
  return 0
}

/** `alpha generate CONTAINER...`: the compose model of existing containers. */
async function runGenerate(io: CliIo, flags: Flags, containers: string[], signal: AbortSignal): Promise<number> {
  const format = flags.format ?? 'yaml'
  if (format !== 'yaml' && format !== 'json') throw new ComposeError('CLI_USAGE', `unsupported format "${format}"`, { hint: 'use yaml or json' })
  io.stderr.write('generate command is EXPERIMENTAL\n')
  const client = createEngineClient(io)
  try {
    const project = await generate(client, { containers, ...(flags.name === undefined ? {} : { projectName: flags.name }), signal })
    io.stdout.write(`${renderConfig(project, { format })}\n`)
    return 0
  } finally {
    release(client)
  }
}

export default defineCommand({
  name: 'alpha',
  description: 'Experimental commands',
  usage: 'viz [OPTIONS] | generate [OPTIONS] CONTAINER...',
  flags: FLAGS,
  async run({ flags, args, global, io, signal }) {
    const [sub, ...rest] = args
    if (sub === 'viz') return runViz(io, global, flags, rest, signal)
    if (sub === 'generate') return runGenerate(io, flags, rest, signal)
    const known = Object.entries(SUBCOMMANDS).map(([name, what]) => `  ${name}  ${what}`).join('\n')
    throw new ComposeError('CLI_USAGE', sub === undefined ? 'compose alpha needs a command' : `unknown alpha command "${sub}"`, { hint: `available:\n${known}` })
  },
})
