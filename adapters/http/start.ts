/**
 * Listens first, then builds the app with the port actually bound (`--port 0` picks one), so
 * the Host allow-list knows it. Requests that arrive in between get 503.
 */
import type { Hono } from 'hono'
import { createHttpApp, type HttpAppOptions } from './app.ts'
import { errorResponse } from './errors.ts'
import { isLoopback, serve, type Binding, type RunningServer, type ServeOptions } from './serve.ts'

export interface StartOptions extends Omit<HttpAppOptions, 'port'>, ServeOptions {
  binding: Binding
}

export interface StartedServer {
  server: RunningServer
  app: Hono
}

export async function startHttpServer(options: StartOptions): Promise<StartedServer> {
  let app: Hono | undefined
  const server = await serve((request) => (app === undefined ? errorResponse('ENGINE_UNAVAILABLE', 'starting') : app.fetch(request)), options.binding, { nodeServerGlobals: options.nodeServerGlobals === true })
  const bound = server.binding
  const names = [...(options.allowedHosts ?? [])]
  // `--host mybox.lan` (or a LAN address): clients will send that name as Host.
  if (bound.kind === 'tcp' && !isLoopback(bound.host) && bound.host !== '0.0.0.0' && bound.host !== '::') {
    names.push(bound.host.includes(':') ? `[${bound.host}]` : bound.host)
  }
  app = createHttpApp({ ...options, port: bound.kind === 'tcp' ? bound.port : undefined, allowedHosts: names })
  return { server, app }
}
