/**
 * Starts `compose serve` in-process on Node over real HTTP (a random 127.0.0.1 port or a unix
 * socket in a temporary directory), with a token generated into a temporary config directory,
 * a root holding a project, and counters for engine requests and ComposeApi calls.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EngineClient } from '../../../core/engine/client.ts'
import type { ComposeApi } from '../../../adapters/http/api.ts'
import type { Binding, RunningServer } from '../../../adapters/http/serve.ts'
import { startHttpServer } from '../../../adapters/http/start.ts'
import { loadOrCreateToken, type LoadedToken } from '../../../adapters/http/token.ts'
import { createFakeApi, type FakeApi } from '../../../adapters/http/_testing/fake-api.ts'

export interface TestServer {
  dir: string
  root: string
  outside: string
  token: LoadedToken
  server: RunningServer
  binding: Binding
  engine: EngineClient
  /** Requests the server sent to the engine. */
  engineCalls(): number
  api: FakeApi
  hostHeader: string
  auth: { authorization: string }
  close(): Promise<void>
}

export interface TestServerOptions {
  socket?: boolean
  /** A ComposeApi built on the engine client (default: the fake). */
  api?: (engine: EngineClient) => ComposeApi
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'compose-http-e2e-')))
  const root = join(dir, 'root')
  const outside = join(dir, 'outside')
  mkdirSync(join(root, 'demo'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(root, 'demo', 'compose.yaml'), 'services:\n  web:\n    image: busybox\n')
  writeFileSync(join(outside, 'compose.yaml'), 'services:\n  evil:\n    image: busybox\n')
  symlinkSync(outside, join(root, 'escape'))
  const token = await loadOrCreateToken({ env: { XDG_CONFIG_HOME: join(dir, 'config') }, home: dir })
  let calls = 0
  const engine = new EngineClient({ env: process.env, onRequest: () => void calls++ })
  const fake = createFakeApi()
  const api = options.api?.(engine) ?? fake
  const binding: Binding = options.socket === true ? { kind: 'socket', path: join(dir, 'run', 'compose.sock') } : { kind: 'tcp', host: '127.0.0.1', port: 0 }
  const { server } = await startHttpServer({ binding, token: token.token, roots: [root], engine: () => engine, api })
  const bound = server.binding
  return {
    dir,
    root,
    outside,
    token,
    server,
    binding: bound,
    engine,
    engineCalls: () => calls,
    api: api === fake ? fake : (api as FakeApi),
    hostHeader: bound.kind === 'tcp' ? `127.0.0.1:${bound.port}` : 'localhost',
    auth: { authorization: `Bearer ${token.token}` },
    async close() {
      await server.close()
      await engine.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
