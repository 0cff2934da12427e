/**
 * Errors as HTTP answers: a status from the error code and a JSON body
 * `{code, message, hint?, source?, file?, line?, col?, issues?}`. Never a stack, a cause or
 * anything an unexpected error carries: those get a generic 500 and go to `onUnexpected`.
 */
import { secured } from './middleware/security-headers.ts'
import { ComposeError, type ErrorCode } from '../../core/errors.ts'

export interface ErrorBody {
  code: string
  message: string
  hint?: string
  source?: { file: string; line: number; col: number; path?: string }
  file?: string
  line?: number
  col?: number
  issues?: { message: string; path?: string; source?: { file: string; line: number; col: number } }[]
}

/**
 * Every code has a status, chosen by who can fix it: 400 the request, 404 a named thing that
 * does not exist, 409 the project's current state, 422 the project's files, 424 something the
 * project depends on (an external network, an image, a dependency container, a service hook),
 * 502 the engine or a registry failed, 503 the engine cannot be reached, 504 a wait ran out,
 * 500 a plugin the server was started with. `LOAD_*` and `SCHEMA_*` are 422 by prefix.
 * errors.test.ts checks that a new code gets a decision here.
 */
export const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  BUILD_CONTEXT: 422,
  BUILD_FAILED: 422,
  BUILD_UNSUPPORTED: 422,
  CLI_USAGE: 400,
  CONFIG_INVALID: 422,
  CONVERGE_CONFLICT: 409,
  CONVERGE_DEPENDENCY_FAILED: 424,
  CONVERGE_EXTERNAL_MISSING: 424,
  CONVERGE_HOOK_FAILED: 424,
  CONVERGE_IMAGE_MISSING: 424,
  CONVERGE_INVALID: 422,
  CONVERGE_NOT_RUNNING: 409,
  CONVERGE_NO_CONTAINERS: 409,
  CONVERGE_WAIT_TIMEOUT: 504,
  COPY_INVALID_PATH: 400,
  ENGINE_ARCHIVE: 502,
  ENGINE_BAD_REQUEST: 422,
  ENGINE_CONFLICT: 409,
  ENGINE_ERROR: 502,
  ENGINE_FORBIDDEN: 502,
  ENGINE_NOT_FOUND: 404,
  ENGINE_NOT_MODIFIED: 409,
  ENGINE_PERMISSION_DENIED: 503,
  ENGINE_PROTOCOL: 502,
  ENGINE_STREAM: 502,
  ENGINE_TLS: 503,
  ENGINE_UNAUTHORIZED: 502,
  ENGINE_UNAVAILABLE: 503,
  ENGINE_UNREACHABLE: 503,
  ENGINE_UNSUPPORTED_RUNTIME: 503,
  GRAPH_CYCLE: 422,
  GRAPH_MISSING_DEPENDENCY: 422,
  GRAPH_NO_SUCH_SERVICE: 404,
  HTTP_BAD_REQUEST: 400,
  HTTP_BUSY: 409,
  HTTP_FORBIDDEN: 403,
  HTTP_NOT_FOUND: 404,
  HTTP_NOT_IMPLEMENTED: 501,
  HTTP_PAYLOAD_TOO_LARGE: 413,
  HTTP_TOO_MANY_REQUESTS: 429,
  HTTP_UNAUTHORIZED: 401,
  HTTP_UNSUPPORTED_MEDIA_TYPE: 415,
  IMAGE_PULL_FAILED: 502,
  IMAGE_PULL_POLICY: 422,
  IMAGE_PUSH_FAILED: 502,
  PLUGIN_ERROR: 500,
  PLUGIN_HANG: 500,
  PLUGIN_INVALID: 500,
  QUERY_INVALID: 400,
  QUERY_NO_CONTAINER: 404,
  QUERY_NO_PORT: 404,
  REGISTRY_AUTH: 502,
  WATCH_INVALID: 400,
}

/** Codes whose status comes from their prefix. */
export const STATUS_BY_PREFIX: readonly (readonly [string, number])[] = [
  ['LOAD_', 422],
  ['SCHEMA_', 422],
]

/** The HTTP status for an error code. */
export function statusForCode(code: ErrorCode): number {
  const mapped = STATUS_BY_CODE[code]
  if (mapped !== undefined) return mapped
  for (const [prefix, status] of STATUS_BY_PREFIX) if (code.startsWith(prefix)) return status
  return 500
}

/** The JSON body of a ComposeError: what the CLI prints, as data. */
export function toErrorBody(error: ComposeError): ErrorBody {
  const body: ErrorBody = { code: error.code, message: error.message }
  if (error.hint !== undefined) body.hint = error.hint
  if (error.source !== undefined) {
    const { file, line, col, path } = error.source
    body.source = path === undefined ? { file, line, col } : { file, line, col, path }
    Object.assign(body, { file, line, col })
  }
  if (error.issues.length > 0) {
    body.issues = error.issues.map((issue) => ({
      message: issue.message,
      ...(issue.path === undefined ? {} : { path: issue.path }),
      ...(issue.source === undefined ? {} : { source: { file: issue.source.file, line: issue.source.line, col: issue.source.col } }),
    }))
  }
  return body
}

export interface HttpError {
  status: number
  body: ErrorBody
  /** False for errors we did not expect (their details stay on the server). */
  expected: boolean
}

/** Any thrown value as a status and a body that is safe to send. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof ComposeError) {
    // a plugin that failed on a refusal of ours (e.g. a file outside the root) answers as that refusal
    const cause = error.code === 'PLUGIN_ERROR' && error.cause instanceof ComposeError && error.cause.code.startsWith('HTTP_') ? error.cause : undefined
    return { status: statusForCode(cause?.code ?? error.code), body: toErrorBody(error), expected: true }
  }
  return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'internal error (details are in the server log)' }, expected: false }
}

/** A JSON error response (middlewares answer with this before any route runs). */
export function errorResponse(code: ErrorCode, message: string, extraHeaders: Record<string, string> = {}, hint?: string): Response {
  const body: ErrorBody = hint === undefined ? { code, message } : { code, message, hint }
  return jsonResponse(body, statusForCode(code), extraHeaders)
}

/** `Response.json` without the static method (node-server's Response has none). */
export function jsonResponse(body: unknown, status: number, extraHeaders: Record<string, string> = {}): Response {
  return secured(JSON.stringify(body), status, { 'content-type': 'application/json; charset=utf-8', ...extraHeaders })
}
