import { engineVersionReport } from '../../../core/commands/version.ts'
import { createEngineClient, release } from '../engine.ts'
import { defineCommand } from '../define.ts'

export default defineCommand({
  name: 'version',
  description: 'Show the compose version and the Docker Engine version',
  usage: '[OPTIONS]',
  flags: {
    format: { type: 'string', short: 'f', placeholder: 'FORMAT', description: 'Format the output: pretty or json' },
    short: { type: 'boolean', description: "Show only compose's version number" },
  },
  async run({ flags, io, signal }) {
    if (flags.short) {
      io.stdout.write(`${(await engineVersionReport(undefined, signal)).compose.version}\n`)
      return 0
    }
    const client = createEngineClient(io)
    try {
      const report = await engineVersionReport(client, signal)
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(report)}\n`)
        return 0
      }
      if (flags.format !== undefined && flags.format !== 'pretty') {
        io.stderr.write(`unknown format "${flags.format}": use pretty or json\n`)
        return 1
      }
      const lines = [
        `compose version ${report.compose.version} (${report.compose.runtime} ${report.compose.runtimeVersion})`,
      ]
      if (report.engine !== undefined) {
        lines.push(
          `Docker Engine ${report.engine.version} at ${report.engine.address}`,
          `  API version: ${report.engine.apiVersion} (server ${report.engine.serverApiVersion}, client max ${report.compose.maxApiVersion})`,
          `  OS/Arch: ${report.engine.os}/${report.engine.arch}`,
        )
      }
      io.stdout.write(`${lines.join('\n')}\n`)
      return 0
    } finally {
      release(client)
    }
  },
})
