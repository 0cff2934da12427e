/** `compose logs`: the output of the project's containers (docker compose cmd/compose/logs.go). */
import { logs } from '../../../core/commands/logs.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { createLogPrinter } from '../render/log-printer.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'logs',
  description: 'View output from containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    follow: { type: 'boolean', short: 'f', description: 'Follow log output' },
    index: { type: 'number', placeholder: 'N', description: 'index of the container if service has multiple replicas' },
    'no-color': { type: 'boolean', description: 'Produce monochrome output' },
    'no-log-prefix': { type: 'boolean', description: "Don't print prefix in logs" },
    since: { type: 'string', placeholder: 'TIME', description: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' },
    tail: { type: 'string', short: 'n', default: 'all', placeholder: 'N', description: 'Number of lines to show from the end of the logs for each container' },
    timestamps: { type: 'boolean', short: 't', description: 'Show timestamps' },
    until: { type: 'string', placeholder: 'TIME', description: 'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' },
  },
  async run({ flags, args, global, io, signal }) {
    const tailText = flags.tail ?? 'all'
    if (tailText !== 'all' && !/^-?\d+$/.test(tailText)) throw new ComposeError('CLI_USAGE', `invalid --tail value "${tailText}": a number of lines or "all"`)
    const tail = tailText === 'all' || Number(tailText) < 0 ? 'all' : Number(tailText)
    if (flags.index !== undefined && flags.index > 0 && args.length !== 1) throw new ComposeError('CLI_USAGE', '--index requires one service to be selected')
    const target = await openReadTarget(io, global, { services: args, signal })
    const printer = createLogPrinter(io, { prefix: !flags['no-log-prefix'], color: io.color && !flags['no-color'], timestamps: flags.timestamps })
    try {
      const stream = await logs(
        target.client,
        target.ref,
        {
          services: args,
          follow: flags.follow,
          tail,
          timestamps: flags.timestamps,
          ...(flags.since === undefined ? {} : { since: flags.since }),
          ...(flags.until === undefined ? {} : { until: flags.until }),
          ...(flags.index === undefined ? {} : { index: flags.index }),
        },
        { signal, emit: (e) => void (e.type === 'warning' ? io.stderr.write(`WARN[0000] ${e.message}\n`) : undefined) },
      )
      for await (const entry of stream) printer.write(entry)
      // interrupted (Ctrl-C): docker compose exits with 130
      return signal.aborted ? 130 : 0
    } finally {
      printer.close()
      release(target)
    }
  },
})
