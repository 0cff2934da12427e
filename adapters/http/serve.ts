/**
 * Serves a fetch handler on the runtime we run on (serve-node.ts, serve-bun.ts or
 * serve-deno.ts, imported lazily), on a unix socket or on a TCP address that defaults to
 * 127.0.0.1. A non-loopback address is refused without a token; a socket gets a 0700 parent
 * directory (created when missing) and mode 0600.
 */
import { createConnection } from 'node:net'
import { chmod, lstat, mkdir, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ComposeError } from '../../core/errors.ts'
import { detectRuntime, type Environment } from '../../core/runtime/env.ts'

export type FetchHandler = (request: Request) => Response | Promise<Response>

export type Binding = { kind: 'socket'; path: string } | { kind: 'tcp'; host: string; port: number }

export interface RunningServer {
  /** `unix:/path` or `http://127.0.0.1:PORT`. */
  readonly address: string
  readonly binding: Binding
  close(): Promise<void>
}

export interface BindOptions {
  socket?: string | undefined
  port?: number | undefined
  /** Only with --host; 127.0.0.1 otherwise. */
  host?: string | undefined
  /** The bearer token; a non-loopback host without one is refused. */
  token?: string | undefined
}

/** `$XDG_RUNTIME_DIR/compose/http.sock`, else `~/.config/compose/http.sock`. */
export function defaultSocketPath(env: Environment, home: string): string {
  const runtimeDir = env.XDG_RUNTIME_DIR
  if (runtimeDir !== undefined && runtimeDir !== '') return join(runtimeDir, 'compose', 'http.sock')
  const config = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(config, 'compose', 'http.sock')
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.[0-9]{1,3}){3}$/.test(h)
}

/** Where to listen, from the flags; refuses what security.md forbids. */
export function toBinding(options: BindOptions, defaultSocket: string): Binding {
  if (options.socket !== undefined && (options.port !== undefined || options.host !== undefined)) {
    throw new ComposeError('CLI_USAGE', '--socket cannot be combined with --port or --host')
  }
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && (options.token === undefined || options.token.length === 0)) {
    throw new ComposeError('CLI_USAGE', `refusing to listen on ${host} without a token`, { hint: 'whoever reaches this server controls Docker, i.e. is root' })
  }
  if (options.socket !== undefined) return { kind: 'socket', path: options.socket }
  if (options.port === undefined && options.host === undefined) return { kind: 'socket', path: defaultSocket }
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ComposeError('CLI_USAGE', `invalid --port ${port}`)
  return { kind: 'tcp', host, port }
}

function stillListening(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** A private parent directory, and no live server already on the path (a stale socket goes). */
export async function prepareSocket(path: string): Promise<void> {
  const parent = dirname(path)
  await mkdir(parent, { recursive: true, mode: 0o700 })
  const dir = await stat(parent)
  if ((dir.mode & 0o022) !== 0 && (dir.mode & 0o1000) === 0) {
    throw new ComposeError('CLI_USAGE', `${parent} is writable by other users`, { hint: 'put the socket in a private directory (mode 0700)' })
  }
  const existing = await lstat(path).catch(() => undefined)
  if (existing === undefined) return
  if (!existing.isSocket()) throw new ComposeError('CLI_USAGE', `${path} exists and is not a socket`)
  if (await stillListening(path)) throw new ComposeError('CLI_USAGE', `another server listens on ${path}`)
  await unlink(path)
}

/** After listening: only the owner may connect. */
export async function secureSocket(path: string): Promise<void> {
  await chmod(path, 0o600)
}

export async function removeSocket(path: string): Promise<void> {
  await unlink(path).catch(() => {})
}

export function describeBinding(binding: Binding): string {
  if (binding.kind === 'socket') return `unix:${binding.path}`
  const host = binding.host.includes(':') ? `[${binding.host}]` : binding.host
  return `http://${host}:${binding.port}`
}

/** Listens with the runtime's own server; `binding.port` 0 picks a free port (reported back). */
export interface ServeOptions {
  /**
   * Node: let @hono/node-server put its own Request and Response classes in the process's
   * globals. A response made with them is written in one piece instead of being read back
   * from a web stream (a quarter of a small request's time). `compose serve` does; a library
   * user's process keeps its own globals unless it asks.
   */
  nodeServerGlobals?: boolean
}

export async function serve(fetch: FetchHandler, binding: Binding, options: ServeOptions = {}): Promise<RunningServer> {
  if (binding.kind === 'socket') await prepareSocket(binding.path)
  const runtime = detectRuntime()
  const server =
    runtime === 'bun'
      ? await (await import('./serve-bun.ts')).serveBun(fetch, binding)
      : runtime === 'deno'
        ? await (await import('./serve-deno.ts')).serveDeno(fetch, binding)
        : await (await import('./serve-node.ts')).serveNode(fetch, binding, options.nodeServerGlobals === true)
  if (binding.kind === 'socket') {
    await secureSocket(binding.path)
    const close = server.close.bind(server)
    return { ...server, close: async () => { await close(); await removeSocket(binding.path) } }
  }
  return server
}
