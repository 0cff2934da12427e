/**
 * The part of Go's `text/template` that `--format` strings use in docker and docker compose:
 * text with `{{ … }}` actions (`{{-`/`-}}` trim spaces), fields `.A.B`, string and number
 * literals, the docker CLI's functions (`json`, `join`, `split`, `lower`, `upper`, `title`,
 * `pad`, `truncate`), method-like fields called with arguments (`.Label "x"`), and pipelines
 * `a | b`. `if`, `range`, `with`, variables and `printf` are not supported and are reported.
 */
import { ComposeError } from '../../../core/errors.ts'

export type TemplateData = { readonly [key: string]: unknown }

type Operand = { kind: 'field'; path: string[] } | { kind: 'literal'; value: string | number | boolean } | { kind: 'func'; name: string }
type Command = Operand[]
type Node = { kind: 'text'; text: string } | { kind: 'action'; pipeline: Command[]; source: string }

export interface Template {
  execute(data: unknown): string
}

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  json: (v) => JSON.stringify(v === undefined ? null : v),
  join: (list, sep) => (Array.isArray(list) ? list.map(toText).join(String(sep)) : toText(list)),
  split: (s, sep) => toText(s).split(String(sep)),
  lower: (s) => toText(s).toLowerCase(),
  upper: (s) => toText(s).toUpperCase(),
  title: (s) => toText(s).replace(/(^|\s)(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
  pad: (s, before, after) => `${' '.repeat(Number(before))}${toText(s)}${' '.repeat(Number(after))}`,
  truncate: (s, n) => [...toText(s)].slice(0, Number(n)).join(''),
}

function fail(message: string): never {
  throw new ComposeError('CLI_USAGE', `template: ${message}`, { hint: 'supported: {{.Field}}, {{json .}}, {{.Field | upper}}, {{join .List ","}}, a "table" prefix' })
}

/** How Go's `fmt` prints a value in a template. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '<no value>'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return `[${value.map(toText).join(' ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v !== 'function')
    return `map[${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}:${toText(v)}`).join(' ')}]`
  }
  return String(value)
}

export function parseTemplate(source: string): Template {
  const nodes: Node[] = []
  let at = 0
  while (at < source.length) {
    const open = source.indexOf('{{', at)
    if (open < 0) {
      nodes.push({ kind: 'text', text: source.slice(at) })
      break
    }
    let text = source.slice(at, open)
    const close = source.indexOf('}}', open + 2)
    if (close < 0) fail(`unclosed action in "${source}"`)
    let inner = source.slice(open + 2, close)
    if (inner.startsWith('- ') || inner === '-') {
      text = text.replace(/\s+$/, '')
      inner = inner.slice(1)
    }
    let trimAfter = false
    if (inner.endsWith(' -')) {
      trimAfter = true
      inner = inner.slice(0, -1)
    }
    if (text !== '') nodes.push({ kind: 'text', text })
    nodes.push({ kind: 'action', pipeline: parsePipeline(inner.trim()), source: inner.trim() })
    at = close + 2
    if (trimAfter) while (at < source.length && /\s/.test(source[at] as string)) at++
  }
  return { execute: (data) => nodes.map((n) => (n.kind === 'text' ? n.text : toText(runPipeline(n.pipeline, data, n.source)))).join('') }
}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\||[^\s|]+)\s*/y
  let at = 0
  while (at < text.length) {
    re.lastIndex = at
    const m = re.exec(text)
    if (m === null) fail(`cannot parse "${text}"`)
    tokens.push(m[1] as string)
    at = re.lastIndex
  }
  return tokens
}

function parsePipeline(text: string): Command[] {
  if (text === '') fail('missing value for command')
  const commands: Command[] = [[]]
  for (const token of tokenize(text)) {
    if (token === '|') {
      commands.push([])
      continue
    }
    ;(commands[commands.length - 1] as Command).push(parseOperand(token))
  }
  if (commands.some((c) => c.length === 0)) fail(`missing command in "${text}"`)
  return commands
}

function parseOperand(token: string): Operand {
  if (token === '.') return { kind: 'field', path: [] }
  if (token.startsWith('.')) return { kind: 'field', path: token.slice(1).split('.') }
  if (token.startsWith('"')) return { kind: 'literal', value: JSON.parse(token) as string }
  if (token.startsWith('`')) return { kind: 'literal', value: token.slice(1, -1) }
  if (/^-?\d+(\.\d+)?$/.test(token)) return { kind: 'literal', value: Number(token) }
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' }
  if (FUNCTIONS[token] !== undefined) return { kind: 'func', name: token }
  if (['if', 'range', 'with', 'else', 'end', 'define', 'block', 'template', 'printf', 'print', 'println'].includes(token)) fail(`"${token}" is not supported`)
  if (token.startsWith('$')) fail(`variables (${token}) are not supported`)
  return fail(`function "${token}" not defined`)
}

function resolveField(data: unknown, path: readonly string[], source: string): unknown {
  let value = data
  for (const name of path) {
    if (value === null || typeof value !== 'object' || !(name in (value as object))) fail(`executing "${source}": can't evaluate field ${name}`)
    value = (value as Record<string, unknown>)[name]
  }
  return value
}

function runPipeline(pipeline: readonly Command[], data: unknown, source: string): unknown {
  let previous: { value: unknown } | undefined
  for (const command of pipeline) {
    const [head, ...rest] = command as [Operand, ...Operand[]]
    const args = rest.map((o) => evalOperand(o, data, source))
    if (previous !== undefined) args.push(previous.value)
    let value: unknown
    if (head.kind === 'func') value = (FUNCTIONS[head.name] as (...a: unknown[]) => unknown)(...args)
    else {
      const target = evalOperand(head, data, source)
      if (typeof target === 'function') value = (target as (...a: unknown[]) => unknown)(...args)
      else if (args.length > 0) fail(`executing "${source}": can't give argument to non-function ${toText(target)}`)
      else value = target
    }
    previous = { value }
  }
  return previous?.value
}

function evalOperand(o: Operand, data: unknown, source: string): unknown {
  if (o.kind === 'literal') return o.value
  if (o.kind === 'func') return (FUNCTIONS[o.name] as () => unknown)()
  return resolveField(data, o.path, source)
}
