/** `compose ls`: the compose projects the engine runs, from container labels (docker compose cmd/compose/list.go). */
import { ls } from '../../../core/commands/ls.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { createEngineClient, release } from '../engine.ts'
import { formatTable, PRETTY_SECTION } from '../render/tabwriter.ts'

export default defineCommand({
  name: 'ls',
  description: 'List running compose projects',
  usage: '[OPTIONS]',
  flags: {
    all: { type: 'boolean', short: 'a', description: 'Show all stopped Compose projects' },
    filter: { type: 'strings', placeholder: 'KEY=VALUE', description: 'Filter output based on conditions provided (name=…)' },
    format: { type: 'string', default: 'table', placeholder: 'FORMAT', description: 'Format the output. Values: [table | json]' },
    quiet: { type: 'boolean', short: 'q', description: 'Only display project names' },
  },
  async run({ flags, args, io, signal }) {
    if (args.length > 0) throw new ComposeError('CLI_USAGE', `"compose ls" accepts no arguments`)
    const format = (flags.format ?? 'table').toLowerCase()
    if (!['table', 'pretty', '', 'json'].includes(format)) throw new ComposeError('CLI_USAGE', `format value "${flags.format ?? ''}" could not be parsed: use table or json`)
    const filter: Record<string, string[]> = {}
    for (const f of flags.filter) {
      const eq = f.indexOf('=')
      if (eq <= 0) throw new ComposeError('CLI_USAGE', `bad format of filter (expected name=value): ${f}`)
      ;(filter[f.slice(0, eq)] ??= []).push(f.slice(eq + 1))
    }
    const client = createEngineClient(io)
    try {
      const stacks = await ls(client, { all: flags.all, filter }, { signal })
      if (flags.quiet) io.stdout.write(stacks.map((s) => `${s.Name}\n`).join(''))
      else if (format === 'json') io.stdout.write(`${JSON.stringify(stacks.map((s) => ({ Name: s.Name, Status: s.Status, ConfigFiles: s.ConfigFiles })))}\n`)
      else io.stdout.write(formatTable([['NAME', 'STATUS', 'CONFIG FILES'], ...stacks.map((s) => [s.Name, s.Status, s.ConfigFiles])], PRETTY_SECTION))
      return 0
    } finally {
      release(client)
    }
  },
})
