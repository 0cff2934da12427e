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
  return bodyLimit({
    maxSize,
    onError: () => errorResponse('HTTP_PAYLOAD_TOO_LARGE', `request body larger than ${maxSize} bytes`),
  })
}
