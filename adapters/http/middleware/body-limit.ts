/**
 * Request bodies up to `maxSize` bytes (1 MiB by default), through hono/body-limit: it trusts
 * Content-Length only when no Transfer-Encoding comes with it and otherwise counts the chunked
 * stream before the handler runs (hono >= 4.12.16). Too large gives a JSON 413.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorResponse } from '../errors.ts'

export const DEFAULT_BODY_LIMIT = 1024 * 1024

export function limitBody(maxSize: number = DEFAULT_BODY_LIMIT): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => errorResponse('HTTP_PAYLOAD_TOO_LARGE', `request body larger than ${maxSize} bytes`),
  })
  // a GET or HEAD request has no body in the Fetch API (the server drops what a client sends);
  // asking for it would make @hono/node-server build the whole web Request (~50 µs a request)
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next))
}
