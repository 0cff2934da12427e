/** `compose port SERVICE PRIVATE_PORT`: the public address of a port binding (docker compose cmd/compose/port.go). */
import { port } from '../../../core/commands/port.ts'
import { ComposeError } from '../../../core/errors.ts'
import { defineCommand } from '../define.ts'
import { openReadTarget } from './_read-target.ts'
import { release } from '../engine.ts'

export default defineCommand({
  name: 'port',
  description: 'Print the public port for a port binding',
  usage: '[OPTIONS] SERVICE PRIVATE_PORT',
  flags: {
    index: { type: 'number', placeholder: 'N', description: 'Index of the container if service has multiple replicas' },
    protocol: { type: 'string', default: 'tcp', placeholder: 'PROTO', description: 'tcp or udp' },
  },
  async run({ flags, args, global, io, signal }) {
    const [service, privatePort] = args
    if (service === undefined || privatePort === undefined) throw new ComposeError('CLI_USAGE', '"compose port" requires SERVICE and PRIVATE_PORT', { hint: 'compose port web 80' })
    if (!/^\d+$/.test(privatePort) || Number(privatePort) > 65535) throw new ComposeError('CLI_USAGE', `invalid port "${privatePort}": a number from 0 to 65535`)
    const target = await openReadTarget(io, global, { signal })
    try {
      const found = await port(target.client, target.ref, service, Number(privatePort), { protocol: flags.protocol ?? 'tcp', ...(flags.index === undefined ? {} : { index: flags.index }) }, { signal })
      io.stdout.write(`${found.ip}:${found.port}\n`)
      return 0
    } finally {
      release(target)
    }
  },
})
