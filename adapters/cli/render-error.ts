/** Errors as the user sees them: the message, where (file:line:col), what to do; no stack traces. */
import { ComposeError, formatLocation } from '../../core/errors.ts'

export function renderError(error: unknown, debug: boolean): string {
  if (!(error instanceof ComposeError)) {
    const e = error as { message?: string; stack?: string }
    if ((error as { name?: string }).name === 'AbortError') return 'interrupted\n'
    return `error: ${e.message ?? String(error)}\n${debug && e.stack ? `${e.stack}\n` : ''}`
  }
  const lines: string[] = []
  // loader errors already carry `file:line:col path: message` lines in their message
  const where = error.source === undefined || error.message.includes(formatLocation(error.source)) ? '' : `${formatLocation(error.source)}: `
  lines.push(`error: ${where}${error.message}`)
  for (const issue of error.issues) {
    if (error.message.includes(issue.message)) continue
    const at = issue.source === undefined ? '' : `${formatLocation(issue.source)}: `
    const path = issue.path === undefined || issue.message.startsWith(issue.path) ? '' : `${issue.path}: `
    lines.push(`  ${at}${path}${issue.message}`)
  }
  if (error.hint !== undefined) lines.push(`hint: ${error.hint}`)
  if (debug) {
    lines.push(`code: ${error.code}`)
    if (error.stack !== undefined) lines.push(error.stack)
  }
  return `${lines.join('\n')}\n`
}

/** docker compose exits 1 on errors; config errors give 15 like v2's "invalid config" path. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof ComposeError)) return 1
  if (error.code === 'CONFIG_INVALID' || error.code.startsWith('LOAD_') || error.code.startsWith('SCHEMA_')) return 15
  if (error.code === 'CLI_USAGE') return 1
  return 1
}
