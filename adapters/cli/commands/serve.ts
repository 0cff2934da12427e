import process from 'node:process'
import { resolve } from 'node:path'
import { createEngineClient } from '../engine.ts'
import { defineCommand } from '../define.ts'
import { loadPluginModule } from '../../shared/load-config.ts'
import { resolvePlugins } from '../../../core/plugin/host.ts'
import type { ComposeHooks } from '../../../core/hooks.ts'

export default defineCommand({
  name: 'serve',
  noDryRun: 'it would start a server that acts on requests',
  description: 'Serve the compose HTTP API on a unix socket or on 127.0.0.1',
  usage: '[OPTIONS]',
  flags: {
    socket: { type: 'string', placeholder: 'PATH', description: 'Listen on this unix socket (the default: $XDG_RUNTIME_DIR/compose/http.sock)' },
    port: { type: 'number', placeholder: 'N', description: 'Listen on 127.0.0.1:N instead (0 picks a free port)' },
    host: { type: 'string', placeholder: 'ADDR', description: 'Listen on this address instead of 127.0.0.1 (other machines can then reach Docker)' },
    root: { type: 'strings', placeholder: 'DIR', description: 'Directory where projects may live (repeatable; default: the current directory)' },
    'token-file': { type: 'string', placeholder: 'FILE', description: 'Read the bearer token from FILE, or create it there (default: ~/.config/compose/http-token)' },
    'allowed-host': { type: 'strings', placeholder: 'NAME', description: 'Accept this exact Host name too (repeatable)' },
  },
  async run({ flags, io, signal, global }) {
    // the HTTP adapter (Hono, its routes and schemas) is loaded by this command only: every
    // other command starts without setting it up
    const [{ createDefaultApi }, { prepareRoots }, { defaultSocketPath, toBinding }, { startHttpServer }, { loadOrCreateToken }] = await Promise.all([
      import('../../http/default-api.ts'),
      import('../../http/roots.ts'),
      import('../../http/serve.ts'),
      import('../../http/start.ts'),
      import('../../http/token.ts'),
    ])
    // plugins are fixed here, at start: `--plugin` only (never a project's compose.config.*, never a request)
    const plugins = await resolvePlugins<ComposeHooks>(await Promise.all(global.plugins.map((spec) => loadPluginModule(spec, io.cwd))))
    const tokenFile = flags['token-file'] === undefined ? undefined : resolve(io.cwd, flags['token-file'])
    const token = await loadOrCreateToken({ file: tokenFile, env: io.env, home: io.home })
    const binding = toBinding({ socket: flags.socket === undefined ? undefined : resolve(io.cwd, flags.socket), port: flags.port, host: flags.host, token: token.token }, defaultSocketPath(io.env, io.home))
    const roots = await prepareRoots(flags.root.length === 0 ? [io.cwd] : flags.root, io.cwd)
    const client = createEngineClient(io)
    const { server } = await startHttpServer({
      binding,
      token: token.token,
      roots,
      allowedHosts: flags['allowed-host'],
      engine: () => client,
      // this process is ours: @hono/node-server's lighter Request and Response may be global
      nodeServerGlobals: true,
      plugins,
      api: createDefaultApi({ engine: () => client, env: io.env, home: io.home, plugins }),
      onUnexpectedError: (error, request) => {
        const message = error instanceof Error ? error.message : String(error)
        io.stderr.write(`compose serve: ${request.method} ${new URL(request.url).pathname}: internal error: ${message}\n`)
      },
    })
    io.stderr.write(
      [
        `compose serve: listening on ${server.address}`,
        `  roots: ${roots.join(', ')}`,
        `  token file: ${token.file}${token.created ? ' (created)' : ''}`,
        ...(io.stderr.isTTY ? [`  token: ${token.token}`] : []),
        '',
      ].join('\n'),
    )
    await new Promise<void>((done) => {
      const stop = (): void => done()
      if (signal.aborted) done()
      signal.addEventListener('abort', stop, { once: true })
      process.once('SIGTERM', stop)
    })
    await server.close()
    await client.close()
    return 0
  },
})
