/**
 * Node: @hono/node-server's request listener on a node:http server that we listen on
 * ourselves (a path, or an explicit host: node-server's serve() without a hostname binds every
 * interface). Header and request-receive timeouts bound slow clients; responses (log streams)
 * are not timed out.
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { describeBinding, type Binding, type FetchHandler, type RunningServer } from './serve.ts'

export async function serveNode(fetch: FetchHandler, binding: Binding, overrideGlobalObjects: boolean): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch, overrideGlobalObjects })
  if ('headersTimeout' in server) {
    server.headersTimeout = 10_000
    server.requestTimeout = 60_000
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const done = (): void => {
      server.off('error', reject)
      resolve()
    }
    if (binding.kind === 'socket') server.listen(binding.path, done)
    else server.listen(binding.port, binding.host, done)
  })
  const bound: Binding = binding.kind === 'socket' ? binding : { ...binding, port: (server.address() as AddressInfo).port }
  return {
    address: describeBinding(bound),
    binding: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
