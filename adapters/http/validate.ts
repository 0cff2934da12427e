/**
 * Every input goes through valibot: query strings, JSON bodies, path parameters. Failures are
 * 400 with each issue's path and message; malformed JSON is 400 with the parser's message.
 */
import * as v from 'valibot'
import { ComposeError } from '../../core/errors.ts'

function issuePath(issue: v.BaseIssue<unknown>): string | undefined {
  const keys = issue.path?.map((item) => String(item.key))
  return keys === undefined || keys.length === 0 ? undefined : keys.join('.')
}

export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown, where: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: false })
  if (result.success) return result.output
  const issues = result.issues.map((issue) => {
    const path = issuePath(issue)
    return path === undefined ? { message: issue.message } : { message: `${path}: ${issue.message}`, path }
  })
  const first = issues[0]?.message ?? 'invalid input'
  throw new ComposeError('HTTP_BAD_REQUEST', `invalid ${where}: ${first}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, { issues })
}

/** The query string as a record; a repeated parameter is refused rather than guessed. */
export function queryRecord(url: string): Record<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of new URL(url).searchParams) {
    if (out.has(key)) throw new ComposeError('HTTP_BAD_REQUEST', `query parameter "${key.slice(0, 100)}" given more than once`)
    out.set(key, value)
  }
  // fromEntries defines own properties, so `__proto__` is a key like any other (and refused).
  return Object.fromEntries(out)
}

/** The JSON body (an empty body is `{}`), already size-limited by the body-limit middleware. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new ComposeError('HTTP_BAD_REQUEST', `malformed JSON body: ${detail.slice(0, 200)}`)
  }
}
