/**
 * Cross-site requests are refused: a present Origin must be this server's own, i.e. name the
 * same host and port as the (already allow-listed) Host header, else 403. So does
 * `Sec-Fetch-Site: cross-site` or `same-site` (another port of localhost is another site's
 * app). Applies to every method and to WebSocket upgrades, whose handshake browsers do not
 * guard with CORS.
 */
import type { MiddlewareHandler } from 'hono'
import { errorResponse } from '../errors.ts'
import { isAllowedHost, parseHost, type HostAllowlistOptions } from './host-allowlist.ts'

/** Whether an Origin header names this server: `http(s)://` + the request's own Host. */
export function isAllowedOrigin(origin: string, host: string, options: HostAllowlistOptions): boolean {
  const match = /^(https?):\/\/([^/?#@]+)$/.exec(origin)
  if (match === null) return false
  const from = parseHost(match[2] ?? '')
  const to = parseHost(host)
  if (from === undefined || to === undefined || !isAllowedHost(host, options)) return false
  const fromPort = from.port ?? (match[1] === 'https' ? 443 : 80)
  return from.name === to.name && fromPort === (to.port ?? 80)
}

export function originCheck(options: HostAllowlistOptions): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (origin !== undefined && !isAllowedOrigin(origin, c.req.header('host') ?? '', options)) {
      return errorResponse('HTTP_FORBIDDEN', 'cross-origin requests are not allowed', {}, 'call the API from the same origin, or from a program (curl, fetch in Node)')
    }
    const site = c.req.header('sec-fetch-site')?.toLowerCase()
    if (site === 'cross-site' || site === 'same-site') {
      return errorResponse('HTTP_FORBIDDEN', `cross-site requests are not allowed (Sec-Fetch-Site: ${site})`)
    }
    await next()
  }
}
