/**
 * Child process of the HTTP load bench (./http-load.ts): the HTTP app with the library's
 * ComposeApi on 127.0.0.1 (a free port), as `compose serve --port 0 --root ROOT` runs it, with
 * the token from COMPOSE_BENCH_TOKEN. Prints `{port}` as JSON once listening; stops on SIGTERM.
 * A process of its own, so that its RSS is the server's alone.
 */
import process from 'node:process'
import { EngineClient } from '../core/engine/client.ts'
import { createDefaultApi } from '../adapters/http/default-api.ts'
import { startHttpServer } from '../adapters/http/start.ts'

const [root] = process.argv.slice(2)
const token = process.env.COMPOSE_BENCH_TOKEN
if (root === undefined || token === undefined) {
  process.stderr.write('usage: COMPOSE_BENCH_TOKEN=… _http-server-child <root>\n')
  process.exit(2)
}
const engine = new EngineClient({ env: process.env })
const { server } = await startHttpServer({
  binding: { kind: 'tcp', host: '127.0.0.1', port: 0 },
  token,
  roots: [root],
  engine: () => engine,
  nodeServerGlobals: true,
  api: createDefaultApi({ engine: () => engine, env: process.env }),
  onUnexpectedError: (error) => process.stderr.write(`unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
})
const bound = server.binding
process.stdout.write(`${JSON.stringify({ port: bound.kind === 'tcp' ? bound.port : 0 })}\n`)
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => engine.close())
    .finally(() => process.exit(0))
})
