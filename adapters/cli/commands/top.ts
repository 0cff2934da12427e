/** `compose top`: the processes of the running containers, one table (docker compose cmd/compose/top.go). */
import { top, type ContainerProcesses } from '../../../core/commands/top.ts'
import { defineCommand } from '../define.ts'
import { formatTable, TOP_TABLE } from '../render/tabwriter.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'top',
  description: 'Display the running processes',
  usage: '[SERVICES...]',
  flags: {},
  async run({ args, global, io, signal }) {
    const target = await openReadTarget(io, global, { services: args, signal })
    try {
      io.stdout.write(renderTop(await top(target.client, target.ref, { services: args }, { signal })))
      return 0
    } finally {
      release(target)
    }
  },
})

/** `SERVICE  #  UID  PID …  CMD`: columns in the order met, CMD last, `-` where a container lacks one. */
export function renderTop(containers: readonly ContainerProcesses[]): string {
  const header = ['SERVICE', '#']
  const rows: Record<string, string>[] = []
  for (const c of containers) {
    for (const proc of c.Processes) {
      const row: Record<string, string> = { SERVICE: c.Service, '#': c.Replica }
      c.Titles.forEach((title, i) => {
        if (!header.includes(title)) header.push(title)
        row[title] = proc[i] ?? ''
      })
      rows.push(row)
    }
  }
  if (rows.length === 0) return ''
  const cmd = header.indexOf('CMD')
  if (cmd >= 0) header.push(...header.splice(cmd, 1))
  return formatTable([header, ...rows.map((r) => header.map((h) => r[h] ?? '-'))], TOP_TABLE)
}
