/**
 * Deno: Deno.serve on a unix socket (`path`) or an explicit hostname (Deno's default is
 * 0.0.0.0). Resolves once listening; `close` shuts down and waits.
 */
import { describeBinding, type Binding, type FetchHandler, type RunningServer } from './serve.ts'

interface DenoServer {
  addr: { transport: string; port?: number; path?: string }
  finished: Promise<void>
  shutdown(): Promise<void>
}

interface DenoServeOptions {
  path?: string
  port?: number
  hostname?: string
  onListen?: (addr: unknown) => void
}

export async function serveDeno(fetch: FetchHandler, binding: Binding): Promise<RunningServer> {
  const deno = (globalThis as unknown as { Deno: { serve(options: DenoServeOptions, handler: FetchHandler): DenoServer } }).Deno
  const options: DenoServeOptions =
    binding.kind === 'socket' ? { path: binding.path, onListen: () => {} } : { port: binding.port, hostname: binding.host, onListen: () => {} }
  const server = deno.serve(options, (request) => fetch(request))
  const bound: Binding = binding.kind === 'socket' ? binding : { ...binding, port: server.addr.port ?? binding.port }
  return {
    address: describeBinding(bound),
    binding: bound,
    close: async () => {
      await server.shutdown()
    },
  }
}
