/** `compose volumes`: the project's volumes (docker compose cmd/compose/volumes.go, docker CLI's volume formatter). */
import { volumes } from '../../../core/commands/volumes.ts'
import { defineCommand } from '../define.ts'
import { release } from '../engine.ts'
import { renderList } from '../render/list-format.ts'
import { openReadTarget } from './_read-target.ts'

const HEADERS = { Driver: 'DRIVER', Name: 'VOLUME NAME', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE' }

export default defineCommand({
  name: 'volumes',
  description: 'List volumes',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    format: { type: 'string', placeholder: 'FORMAT', description: 'Format output using a custom template: table, table TEMPLATE, json, TEMPLATE' },
    quiet: { type: 'boolean', short: 'q', description: 'Only display volume names' },
  },
  async run({ flags, args, global, io, signal }) {
    const target = await openReadTarget(io, global, { services: args, signal })
    try {
      const list = await volumes(target.client, target.ref, { services: args }, { signal })
      if (flags.quiet) {
        io.stdout.write(list.map((v) => `${v.Name}\n`).join(''))
        return 0
      }
      // the docker CLI's volume context: every field a string, N/A where the list does not say
      const rows = list.map((v) => ({
        Availability: 'N/A',
        Driver: v.Driver,
        Group: 'N/A',
        Labels: Object.entries(v.Labels ?? {})
          .map(([k, val]) => `${k}=${val}`)
          .join(','),
        Links: 'N/A',
        Mountpoint: v.Mountpoint,
        Name: v.Name,
        Scope: v.Scope,
        Size: 'N/A',
        Status: 'N/A',
      }))
      io.stdout.write(renderList(flags.format, rows, { defaultTable: 'table {{.Driver}}\t{{.Name}}', headers: HEADERS }))
      return 0
    } finally {
      release(target)
    }
  },
})
