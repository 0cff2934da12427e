/**
 * Bun: Bun.serve on a unix socket (`unix`) or an explicit hostname (Bun's default is every
 * interface). The idle timeout is off so that quiet log streams stay open.
 */
import { describeBinding, type Binding, type FetchHandler, type RunningServer } from './serve.ts'

interface BunServer {
  port?: number
  stop(closeActiveConnections?: boolean): Promise<void> | void
}

interface BunServeOptions {
  fetch: FetchHandler
  unix?: string
  port?: number
  hostname?: string
  idleTimeout?: number
}

export async function serveBun(fetch: FetchHandler, binding: Binding): Promise<RunningServer> {
  const bun = (globalThis as unknown as { Bun: { serve(options: BunServeOptions): BunServer } }).Bun
  const server =
    binding.kind === 'socket'
      ? bun.serve({ fetch, unix: binding.path, idleTimeout: 0 })
      : bun.serve({ fetch, port: binding.port, hostname: binding.host, idleTimeout: 0 })
  const bound: Binding = binding.kind === 'socket' ? binding : { ...binding, port: server.port ?? binding.port }
  return {
    address: describeBinding(bound),
    binding: bound,
    close: async () => {
      await server.stop(true)
    },
  }
}
