/**
 * The `${...}` template engine of compose (compose-spec/compose-go:template/template.go), on one
 * string: `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?msg}`, `${VAR?msg}`, `${VAR:+alt}`,
 * `${VAR+alt}`, nested templates in defaults and messages, and `$$` for a literal `$`.
 * Names match `[_a-z][_a-z0-9]*` case-insensitively. Pure: variables come from `lookup`.
 */

/** Looks a variable up; `undefined` means unset (an empty string is set). */
export type Lookup = (name: string) => string | undefined

export interface SubstituteOptions {
  /** Called when `$VAR`/`${VAR}` names an unset variable (compose warns and uses ""). */
  onUnset?: (name: string) => void
}

export type TemplateErrorKind = 'invalid' | 'required'

/** A malformed template, or a `${VAR?msg}` whose variable is missing. Messages are compose-go's. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError'
  readonly kind: TemplateErrorKind
  /** The template that is malformed (`invalid`), or the missing variable (`required`). */
  readonly template: string
  readonly variable: string | undefined
  readonly reason: string | undefined

  constructor(kind: TemplateErrorKind, template: string, variable?: string, reason?: string) {
    super(
      kind === 'invalid'
        ? `Invalid template: ${JSON.stringify(template)}`
        : `required variable ${variable ?? ''} is missing a value${reason ? `: ${reason}` : ''}`,
    )
    this.kind = kind
    this.template = template
    this.variable = variable
    this.reason = reason
  }
}

/** Groups: 1 escaped `$`, 2 unbraced name, 3 braced body, 4 invalid brace. Go's `.` never crosses `\n`. */
const PATTERN_SOURCE = String.raw`\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|()))`
const PATTERN = new RegExp(PATTERN_SOURCE, 'i')

export type Operator = ':?' | '?' | ':-' | '-' | ':+' | '+'
const OPERATORS: readonly Operator[] = [':?', '?', ':-', '-', ':+', '+']

/** The operator of a braced expression: the one found first after the name (compose-go's rule). */
export function detectOperator(expression: string): Operator | undefined {
  let best: Operator | undefined
  let bestIndex = Infinity
  for (const op of OPERATORS) {
    const index = expression.indexOf(op)
    if (index >= 0 && index < bestIndex) {
      best = op
      bestIndex = index
    }
  }
  return best
}

/** Replaces every `$...` in `template`. Throws TemplateError on the first malformed or required one. */
export function substitute(template: string, lookup: Lookup, options: SubstituteOptions = {}): string {
  const global = new RegExp(PATTERN_SOURCE, 'gi')
  let firstError: TemplateError | undefined
  const out = template.replace(global, (match) => {
    try {
      return replaceOne(match, lookup, options)
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      firstError ??= error.kind === 'invalid' && error.template === '' ? new TemplateError('invalid', template) : error
      return ''
    }
  })
  if (firstError !== undefined) throw firstError
  return out
}

function replaceOne(matched: string, lookup: Lookup, options: SubstituteOptions): string {
  const operator = detectOperator(matched)
  const close = firstClosingBrace(matched)
  let rest = ''
  let substring = matched
  if (close > -1) {
    rest = matched.slice(close + 1)
    substring = matched.slice(0, close + 1)
  }
  const groups = PATTERN.exec(substring)
  if (groups?.[1] !== undefined) return '$'
  const named = groups?.[2]
  const braced = groups?.[3]
  const name = named ?? braced
  if (name === undefined || name === '') throw new TemplateError('invalid', '')
  if (braced !== undefined && operator !== undefined && braced.includes(operator)) {
    const value = applyOperator(braced, operator, lookup, options)
    return value + substitute(rest, lookup, options)
  }
  const value = lookup(name)
  if (value === undefined) options.onUnset?.(name)
  return value ?? ''
}

function applyOperator(body: string, op: Operator, lookup: Lookup, options: SubstituteOptions): string {
  const at = body.indexOf(op)
  const name = body.slice(0, at)
  const arg = body.slice(at + op.length)
  const value = lookup(name)
  const isSet = value !== undefined
  const nonEmpty = isSet && value !== ''
  switch (op) {
    case ':-':
      return nonEmpty ? value : substitute(arg, lookup, options)
    case '-':
      return isSet ? value : substitute(arg, lookup, options)
    case ':+':
      return nonEmpty ? substitute(arg, lookup, options) : (value ?? '')
    case '+':
      return isSet ? substitute(arg, lookup, options) : ''
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : isSet) return value ?? ''
      throw new TemplateError('required', '', name, substitute(arg, lookup, options))
    }
  }
}

/** Index of the brace closing the first `{`, counting nested ones; the char after each `{` is skipped (as Go does). */
function firstClosingBrace(s: string): number {
  let open = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      open--
      if (open === 0) return i
    }
    if (s[i] === '{') {
      open++
      i++
    }
  }
  return -1
}

/** Whether `value` contains anything the engine would replace. */
export function hasTemplate(value: string): boolean {
  return value.includes('$')
}
