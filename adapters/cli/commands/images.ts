/** `compose images`: the images of the project's containers (docker compose cmd/compose/images.go). */
import { images } from '../../../core/commands/images.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { goTimeJson } from '../render/go-json.ts'
import { formatTable, PRETTY_SECTION } from '../render/tabwriter.ts'
import { humanDuration, humanSize, truncateId } from '../render/units.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'images',
  description: 'List images used by the created containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    format: { type: 'string', default: 'table', placeholder: 'FORMAT', description: 'Format the output. Values: [table | json]' },
    quiet: { type: 'boolean', short: 'q', description: 'Only display IDs' },
  },
  async run({ flags, args, global, io, signal }) {
    const format = (flags.format ?? 'table').toLowerCase()
    if (!['table', 'pretty', '', 'json'].includes(format)) throw new ComposeError('CLI_USAGE', `format value "${flags.format ?? ''}" could not be parsed: use table or json`)
    const target = await openReadTarget(io, global, { services: args, signal })
    try {
      const list = await images(target.client, target.ref, { services: args }, { signal })
      if (flags.quiet) {
        const ids = [...new Set(list.map((i) => i.ID.replace(/^[^:]*:/, '')))]
        io.stdout.write(ids.map((id) => `${id}\n`).join(''))
      } else if (format === 'json') {
        const rows = list.map((i) => ({
          ID: i.ID,
          ContainerName: i.ContainerName,
          Repository: i.Repository,
          Tag: i.Tag,
          Platform: i.Platform,
          Size: i.Size,
          ...(i.Created === undefined ? {} : { Created: goTimeJson(i.Created) }),
          ...(i.LastTagTime === undefined ? {} : { LastTagTime: goTimeJson(i.LastTagTime) }),
        }))
        io.stdout.write(`${rows.length === 0 ? 'null' : JSON.stringify(rows)}\n`)
      } else {
        const now = Date.now()
        const rows = list.map((i) => [
          i.ContainerName,
          i.Repository === '' ? '<none>' : i.Repository,
          i.Tag === '' ? '<none>' : i.Tag,
          i.Platform,
          truncateId(i.ID),
          humanSize(i.Size),
          i.Created === undefined ? 'N/A' : `${humanDuration(now - i.Created.getTime())} ago`,
        ])
        io.stdout.write(formatTable([['CONTAINER', 'REPOSITORY', 'TAG', 'PLATFORM', 'IMAGE ID', 'SIZE', 'CREATED'], ...rows], PRETTY_SECTION))
      }
      return 0
    } finally {
      release(target)
    }
  },
})
