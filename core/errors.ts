/**
 * The one error class of compose. Callers branch on `code`, never on the class.
 * Codes are SCREAMING_SNAKE with an area prefix, listed here alphabetically.
 */
export const ERROR_CODES = [
  'BUILD_CONTEXT',
  'BUILD_FAILED',
  'BUILD_UNSUPPORTED',
  'CLI_USAGE',
  'CONFIG_INVALID',
  'CONVERGE_CONFLICT',
  'CONVERGE_DEPENDENCY_FAILED',
  'CONVERGE_EXTERNAL_MISSING',
  'CONVERGE_HOOK_FAILED',
  'CONVERGE_IMAGE_MISSING',
  'CONVERGE_INVALID',
  'CONVERGE_NOT_RUNNING',
  'CONVERGE_NO_CONTAINERS',
  'CONVERGE_WAIT_TIMEOUT',
  'COPY_INVALID_PATH',
  'ENGINE_ARCHIVE',
  'ENGINE_BAD_REQUEST',
  'ENGINE_CONFLICT',
  'ENGINE_ERROR',
  'ENGINE_FORBIDDEN',
  'ENGINE_NOT_FOUND',
  'ENGINE_NOT_MODIFIED',
  'ENGINE_PERMISSION_DENIED',
  'ENGINE_PROTOCOL',
  'ENGINE_STREAM',
  'ENGINE_TLS',
  'ENGINE_UNAUTHORIZED',
  'ENGINE_UNAVAILABLE',
  'ENGINE_UNREACHABLE',
  'ENGINE_UNSUPPORTED_RUNTIME',
  'GRAPH_CYCLE',
  'GRAPH_MISSING_DEPENDENCY',
  'GRAPH_NO_SUCH_SERVICE',
  'HTTP_BAD_REQUEST',
  'HTTP_BUSY',
  'HTTP_FORBIDDEN',
  'HTTP_NOT_FOUND',
  'HTTP_NOT_IMPLEMENTED',
  'HTTP_PAYLOAD_TOO_LARGE',
  'HTTP_TOO_MANY_REQUESTS',
  'HTTP_UNAUTHORIZED',
  'HTTP_UNSUPPORTED_MEDIA_TYPE',
  'IMAGE_PULL_FAILED',
  'IMAGE_PULL_POLICY',
  'IMAGE_PUSH_FAILED',
  'LOAD_ALIAS_LIMIT',
  'LOAD_CYCLE',
  'LOAD_EMPTY',
  'LOAD_ENV_FILE',
  'LOAD_EXTENDS',
  'LOAD_FILE_NOT_FOUND',
  'LOAD_FILE_TOO_LARGE',
  'LOAD_INCLUDE',
  'LOAD_INTERPOLATION',
  'LOAD_MERGE',
  'LOAD_NO_FILE',
  'LOAD_PROFILE',
  'LOAD_PROJECT_NAME',
  'LOAD_YAML',
  'PLUGIN_ERROR',
  'PLUGIN_HANG',
  'PLUGIN_INVALID',
  'QUERY_INVALID',
  'QUERY_NO_CONTAINER',
  'QUERY_NO_PORT',
  'REGISTRY_AUTH',
  'SCHEMA_INVALID',
  'WATCH_INVALID',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** Where in a compose file an error points. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string
  line: number
  col: number
  /** Dotted model path, e.g. `services.web.ports[0]`. */
  path?: string
}

export interface ComposeErrorOptions {
  cause?: unknown
  /** HTTP status, for engine errors. */
  status?: number
  source?: SourceLocation
  plugin?: string
  hook?: string
  /** What the user can do about it. Printed after the message. */
  hint?: string
  /** Several problems reported together (validation). */
  issues?: readonly ComposeIssue[]
}

export interface ComposeIssue {
  message: string
  source?: SourceLocation
  path?: string
}

export class ComposeError extends Error {
  override readonly name = 'ComposeError'
  readonly code: ErrorCode
  readonly status: number | undefined
  readonly source: SourceLocation | undefined
  readonly plugin: string | undefined
  readonly hook: string | undefined
  readonly hint: string | undefined
  readonly issues: readonly ComposeIssue[]

  constructor(code: ErrorCode, message: string, options: ComposeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
    this.source = options.source
    this.plugin = options.plugin
    this.hook = options.hook
    this.hint = options.hint
    this.issues = options.issues ?? []
  }

  /** A JSON shape for the HTTP adapter and `--format json`. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.source === undefined ? {} : { source: this.source }),
      ...(this.plugin === undefined ? {} : { plugin: this.plugin, hook: this.hook }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.issues.length === 0 ? {} : { issues: this.issues }),
    }
  }
}

export function isComposeError(value: unknown, code?: ErrorCode): value is ComposeError {
  return value instanceof ComposeError && (code === undefined || value.code === code)
}

/** `file:line:col` for messages. */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col}`
}
