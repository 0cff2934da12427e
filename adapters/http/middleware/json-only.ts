/**
 * Mutations (every method but GET, HEAD and OPTIONS) must say `Content-Type: application/json`.
 * The content types an HTML form or a no-cors fetch can send without a preflight
 * (text/plain, form encodings, none at all) get 403: they are what CSRF looks like (Hono's own
 * csrf() was bypassed with upper case and with a missing type). Anything else gets 415.
 */
import type { MiddlewareHandler } from 'hono'
import { errorResponse } from '../errors.ts'

const FORMABLE = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS']

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

export function jsonOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.includes(c.req.method)) return next()
    const type = mediaType(c.req.header('content-type'))
    if (type === 'application/json') return next()
    if (type === '' || FORMABLE.includes(type)) {
      return errorResponse('HTTP_FORBIDDEN', `refused a ${c.req.method} with ${type === '' ? 'no Content-Type' : `Content-Type ${type}`}`, {}, 'send Content-Type: application/json (an empty body means {})')
    }
    return errorResponse('HTTP_UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Type ${type}`, {}, 'send Content-Type: application/json')
  }
}
