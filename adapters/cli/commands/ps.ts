/** `compose ps`: list the project's containers (docker compose cmd/compose/ps.go). */
import { parsePsFilter, ps } from '../../../core/commands/ps.ts'
import { defineCommand } from '../define.ts'
import { psListFormat, toContainerRow } from '../render/container-format.ts'
import { renderList } from '../render/list-format.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'ps',
  description: 'List containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    all: { type: 'boolean', short: 'a', description: 'Show all stopped containers (including those created by the run command)' },
    filter: { type: 'string', placeholder: 'KEY=VALUE', description: 'Filter services by a property (supported filters: status)' },
    format: { type: 'string', placeholder: 'FORMAT', description: 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' },
    'no-trunc': { type: 'boolean', description: "Don't truncate output" },
    orphans: { type: 'boolean', default: true, description: 'Include orphaned services (not declared by project)' },
    quiet: { type: 'boolean', short: 'q', description: 'Only display IDs' },
    services: { type: 'boolean', description: 'Display services' },
    status: { type: 'strings', placeholder: 'STATUS', description: 'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]' },
  },
  async run({ flags, args, global, io, signal }) {
    const status = [...flags.status, ...parsePsFilter(flags.filter)]
    const target = await openReadTarget(io, global, { services: args, signal })
    try {
      const entries = await ps(target.client, target.ref, { services: args, all: flags.all, status, orphans: flags.orphans }, { signal })
      if (flags.quiet) {
        io.stdout.write(entries.map((e) => `${e.ID}\n`).join(''))
        return 0
      }
      if (flags.services) {
        const services = [...new Set(entries.map((e) => e.Service))]
        io.stdout.write(services.map((s) => `${s}\n`).join(''))
        return 0
      }
      const now = Date.now()
      const rows = entries.map((e) => toContainerRow(e, { trunc: !flags['no-trunc'], now }))
      io.stdout.write(renderList(flags.format, rows, psListFormat(entries)))
      return 0
    } finally {
      release(target)
    }
  },
})
