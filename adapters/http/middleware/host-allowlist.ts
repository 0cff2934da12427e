/**
 * The first wall against DNS rebinding: a page on `evil.test` that rebinds its name to
 * 127.0.0.1 still sends `Host: evil.test:PORT`, so only loopback names (and exact names the
 * user configured) with the bound port pass. A missing Host gives 400, others 403. Hono's
 * csrf() cannot do this: it compares Origin with a URL built from this very Host.
 */
import type { MiddlewareHandler } from 'hono'
import { errorResponse } from '../errors.ts'

export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

export interface HostAllowlistOptions {
  /** The bound TCP port; undefined on a unix socket, where any port (or none) is accepted. */
  port?: number | undefined
  /** Extra exact host names (no wildcards, compared case-insensitively). */
  names?: readonly string[]
}

export interface ParsedHost {
  name: string
  port: number | undefined
}

/** `name[:port]` with `[v6]` literals; undefined when malformed. Lower-cases the name. */
export function parseHost(value: string): ParsedHost | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?$/.exec(value)
  if (match === null) return undefined
  const port = match[2] === undefined ? undefined : Number(match[2])
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined
  return { name: (match[1] ?? '').toLowerCase(), port }
}

export function isAllowedHost(value: string, options: HostAllowlistOptions): boolean {
  const host = parseHost(value)
  if (host === undefined) return false
  const names = [...LOOPBACK_NAMES, ...(options.names ?? []).map((n) => n.toLowerCase())]
  if (!names.includes(host.name)) return false
  if (options.port === undefined) return true
  return host.port === options.port || (host.port === undefined && options.port === 80)
}

export function hostAllowlist(options: HostAllowlistOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host')
    if (host === undefined || host === '') return errorResponse('HTTP_BAD_REQUEST', 'missing Host header')
    if (!isAllowedHost(host, options)) {
      return errorResponse('HTTP_FORBIDDEN', 'this Host is not allowed', {}, 'use localhost, 127.0.0.1 or [::1] with the port the server listens on')
    }
    await next()
  }
}
