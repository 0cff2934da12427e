/**
 * The bearer token on every route but the public ones (`/v1/health`), through
 * hono/bearer-auth (comparison of SHA-256 digests, so the time taken does not depend on where
 * the tokens differ). The digests come from node:crypto (Node, Bun and Deno have it): hono's
 * default goes through WebCrypto's async digest, a third of a `GET ps` on Node. The token travels only in
 * `Authorization`: a request carrying one in the query string is refused (400), since URLs
 * end up in logs, histories and Referer headers.
 */
import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { ComposeError } from '../../../core/errors.ts'
import { errorResponse } from '../errors.ts'

const QUERY_TOKEN_NAMES = ['access_token', 'token', 'bearer', 'authorization', 'auth']

export interface TokenAuthOptions {
  token: string
  /** Exact paths that need no token. */
  publicPaths?: readonly string[]
}

export function tokenAuth(options: TokenAuthOptions): MiddlewareHandler {
  if (options.token.length < 16) throw new ComposeError('HTTP_UNAUTHORIZED', 'the HTTP server needs a bearer token of at least 16 characters')
  const publicPaths = new Set(options.publicPaths ?? [])
  const check = bearerAuth({
    token: options.token,
    hashFunction: (text: string) => createHash('sha256').update(text).digest('hex'),
    noAuthenticationHeader: { message: { code: 'HTTP_UNAUTHORIZED', message: 'missing bearer token', hint: 'send Authorization: Bearer <token> (the token is in the server\'s token file)' } },
    invalidAuthenticationHeader: { message: { code: 'HTTP_BAD_REQUEST', message: 'malformed Authorization header: expected "Bearer <token>"' } },
    invalidToken: { message: { code: 'HTTP_UNAUTHORIZED', message: 'wrong bearer token' } },
  })
  return async (c, next) => {
    const url = new URL(c.req.url)
    for (const name of url.searchParams.keys()) {
      if (QUERY_TOKEN_NAMES.includes(name.toLowerCase())) {
        return errorResponse('HTTP_BAD_REQUEST', 'tokens are not accepted in the query string', {}, 'send Authorization: Bearer <token> instead')
      }
    }
    if (publicPaths.has(c.req.path)) return next()
    return check(c, next)
  }
}
