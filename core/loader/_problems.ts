/**
 * Problems found while loading, collected rather than thrown one by one, then reported together
 * as one ComposeError sorted by file, line and column.
 */
import { ComposeError, formatLocation, type ComposeIssue, type ErrorCode, type SourceLocation } from '../errors.ts'

/** An issue with the error code it would carry on its own. */
export interface LoadProblem extends ComposeIssue {
  code: ErrorCode
  hint?: string
}

/** Carries one problem through a throw, to be collected by the caller. */
export class ProblemError extends Error {
  readonly problem: LoadProblem
  constructor(p: LoadProblem) {
    super(p.message)
    this.problem = p
  }
}

export function problem(code: ErrorCode, message: string, source?: SourceLocation, hint?: string): LoadProblem {
  const p: LoadProblem = { code, message }
  if (source !== undefined) {
    p.source = source
    if (source.path !== undefined && source.path !== '') p.path = source.path
  }
  if (hint !== undefined) p.hint = hint
  return p
}

/** A thrown error as a problem (ComposeErrors keep their code, source and nested issues). */
export function problemsFromError(error: unknown, fallback: ErrorCode): LoadProblem[] {
  if (error instanceof ProblemError) return [error.problem]
  if (error instanceof ComposeError) {
    if (error.issues.length > 0 && error.plugin === undefined) {
      return error.issues.map((i) => ({ ...i, code: (i as Partial<LoadProblem>).code ?? error.code }))
    }
    return [problem(error.code, error.message, error.source, error.hint)]
  }
  return [problem(fallback, error instanceof Error ? error.message : String(error))]
}

export function compareProblems(a: ComposeIssue, b: ComposeIssue): number {
  const fa = a.source?.file ?? '\uffff'
  const fb = b.source?.file ?? '\uffff'
  if (fa !== fb) return fa < fb ? -1 : 1
  return (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.col ?? 0) - (b.source?.col ?? 0)
}

/** One line per problem: `file:line:col path: message`. */
export function describeProblem(p: ComposeIssue): string {
  if (p.source === undefined) return p.path !== undefined && !p.message.includes(p.path) ? `${p.path}: ${p.message}` : p.message
  const where = formatLocation(p.source)
  // schema messages already start with the object's path (`services.web: unknown key ...`)
  const saysWhere = p.path !== undefined && (p.message.includes(p.path) || /^[\w.[\]-]+: /.test(p.message))
  const path = p.path !== undefined && p.path !== '' && !saysWhere ? ` ${p.path}:` : ''
  return `${where}${path} ${p.message}`
}

/** All problems as one error: their common code when they share one, else CONFIG_INVALID. */
export function toComposeError(problems: readonly LoadProblem[]): ComposeError {
  const sorted = [...problems].sort(compareProblems)
  const first = sorted[0]
  if (first === undefined) return new ComposeError('CONFIG_INVALID', 'invalid compose configuration')
  const codes = new Set(sorted.map((p) => p.code))
  const code = codes.size === 1 ? first.code : 'CONFIG_INVALID'
  const message =
    sorted.length === 1 ? describeProblem(first) : `${sorted.length} problems in the compose configuration:\n${sorted.map((p) => `  ${describeProblem(p)}`).join('\n')}`
  const hint = sorted.length === 1 ? first.hint : undefined
  return new ComposeError(code, message, {
    issues: sorted,
    ...(first.source === undefined ? {} : { source: first.source }),
    ...(hint === undefined ? {} : { hint }),
  })
}

export function throwIfProblems(problems: readonly LoadProblem[]): void {
  if (problems.length > 0) throw toComposeError(problems)
}
