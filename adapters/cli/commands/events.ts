/** `compose events`: the project's container events as they happen (docker compose cmd/compose/events.go). */
import { events, type ProjectEvent } from '../../../core/commands/events.ts'
import { defineCommand } from '../define.ts'
import { goMicros, goTimeNano } from '../render/go-json.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'events',
  description: 'Receive real time events from containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    json: { type: 'boolean', description: 'Output events as a stream of json objects' },
    since: { type: 'string', placeholder: 'TIME', description: 'Show all events created since timestamp' },
    until: { type: 'string', placeholder: 'TIME', description: 'Stream events until this timestamp' },
  },
  async run({ flags, args, global, io, signal }) {
    const target = await openReadTarget(io, global, { services: args, signal })
    try {
      const stream = await events(target.client, target.ref, { services: args, ...(flags.since === undefined ? {} : { since: flags.since }), ...(flags.until === undefined ? {} : { until: flags.until }) }, { signal })
      for await (const e of stream) io.stdout.write(`${flags.json ? eventJson(e) : eventText(e)}\n`)
      // interrupted (Ctrl-C): docker compose exits with 130
      return signal.aborted ? 130 : 0
    } finally {
      release(target)
    }
  },
})

/** `2024-05-06 07:08:09.123456 container start 3f2a… (image=busybox, name=p-web-1)` */
export function eventText(e: ProjectEvent): string {
  const attrs = Object.keys(e.attributes)
    .sort()
    .map((k) => `${k}=${e.attributes[k] ?? ''}`)
  return `${goMicros(e.time, e.nanos)} container ${e.action} ${e.container} (${attrs.join(', ')})`
}

/** docker compose's `--json` object (keys sorted as Go marshals a map). */
export function eventJson(e: ProjectEvent): string {
  const attributes = Object.fromEntries(Object.keys(e.attributes).sort().map((k) => [k, e.attributes[k]]))
  return JSON.stringify({ action: e.action, attributes, id: e.container, service: e.service, time: goTimeNano(e.time, e.nanos), type: 'container' })
}
