/**
 * The `.env` syntax of compose (compose-spec/compose-go:dotenv/parser.go): `#` comments, an
 * optional `export `, `KEY=value` or `KEY: value`, bare `KEY` inherited from the lookup,
 * single quotes literal, double quotes with escapes and interpolation, both may span lines,
 * unquoted values with ` #` inline comments and `${...}` interpolation, a leading BOM ignored.
 * Also the `raw` format of docker's `--env-file` (no quotes, no interpolation).
 */
import { substitute, type Lookup } from './template.ts'

/** A syntax error in an env file; `line` is 1-based. Messages are compose-go's. */
export class DotenvError extends Error {
  override readonly name = 'DotenvError'
  readonly line: number
  /** The env file, when known. */
  readonly file: string | undefined
  constructor(message: string, line: number, file?: string) {
    super(message)
    this.line = line
    this.file = file
  }
}

export interface DotenvOptions {
  /** Consulted first when a value references `${VAR}` or a line is a bare `KEY`. */
  lookup?: Lookup
  /** Values already known; new ones are added to it (and win over it). */
  into?: Record<string, string>
  /** Drop keys starting with a digit, as compose-go's file reader does. */
  skipDigitKeys?: boolean
}

const SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00a0'])
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
const isSpace = (c: string): boolean => SPACE.has(c)
const isUnicodeSpace = (c: string): boolean => UNICODE_SPACE.test(c)
const KEY_CHAR = /^[\p{L}\p{N}]$/u
const ESCAPES = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', c: '\\c', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\',
}

/** Parses `.env` text. Throws DotenvError. */
export function parseDotenv(source: string, options: DotenvOptions = {}): Record<string, string> {
  const out = options.into ?? {}
  const lookup: Lookup = options.lookup ?? (() => undefined)
  const parser = new Parser()
  let rest = source.startsWith('\ufeff') ? source.slice(1) : source
  for (;;) {
    rest = parser.statementStart(rest)
    if (rest === '') break
    const { key, remainder, inherited } = parser.keyName(rest)
    if (key.includes(' ')) throw new DotenvError(`line ${parser.line}: key cannot contain a space`, parser.line)
    const skip = options.skipDigitKeys === true && /^\s*\d/.test(key)
    if (inherited) {
      const value = lookup(key)
      if (value !== undefined && !skip) out[key] = value
      rest = remainder
      continue
    }
    const { value, remainder: after } = parser.value(remainder, out, lookup)
    if (!skip) out[key] = value
    rest = after
  }
  return out
}

class Parser {
  line = 1

  statementStart(src: string): string {
    for (;;) {
      const pos = this.#indexOfNonSpace(src)
      if (pos === -1) return ''
      src = src.slice(pos)
      if (src[0] !== '#') return src
      const nl = src.indexOf('\n')
      if (nl === -1) return ''
      src = src.slice(nl)
    }
  }

  keyName(src: string): { key: string; remainder: string; inherited: boolean } {
    if (/^export\s+/.test(src)) src = trimLeft(src.slice('export'.length), isSpace)
    let key = ''
    let offset = 0
    let inherited = false
    let i = 0
    for (const ch of src) {
      if (!isSpace(ch)) {
        if (ch === '=' || ch === ':' || ch === '\n') {
          key = src.slice(0, i)
          offset = i + 1
          inherited = ch === '\n'
          break
        }
        if (!'_.-[]'.includes(ch) && !KEY_CHAR.test(ch)) {
          const first = src.split('\n')[0] ?? ''
          throw new DotenvError(`line ${this.line}: unexpected character ${JSON.stringify(ch)} in variable name ${JSON.stringify(first)}`, this.line)
        }
      }
      i += ch.length
    }
    if (src === '') throw new DotenvError('zero length string', this.line)
    if (inherited && !key.includes(' ')) this.line++
    key = trimRight(key, isUnicodeSpace)
    return { key, remainder: trimLeft(src.slice(offset), isSpace), inherited }
  }

  value(src: string, known: Record<string, string>, lookup: Lookup): { value: string; remainder: string } {
    const quote = src[0]
    if (quote !== '"' && quote !== "'") {
      const nl = src.indexOf('\n')
      let value = nl === -1 ? src : src.slice(0, nl)
      const rest = nl === -1 ? '' : src.slice(nl + 1)
      this.line++
      const comment = value.indexOf(' #')
      if (comment !== -1) value = value.slice(0, comment)
      value = trimRight(value, isUnicodeSpace)
      return { value: expand(value, known, lookup, this.line), remainder: rest }
    }
    let escaped = false
    let chars = ''
    for (let i = 1; i < src.length; i++) {
      const ch = src[i] as string
      if (ch === '\n') this.line++
      if (ch !== quote) {
        if (!escaped && ch === '\\') {
          escaped = true
          continue
        }
        if (escaped) {
          escaped = false
          chars += '\\'
        }
        chars += ch
        continue
      }
      if (escaped) {
        escaped = false
        chars += ch
        continue
      }
      const value = quote === '"' ? expand(expandEscapes(chars), known, lookup, this.line) : chars
      return { value, remainder: src.slice(i + 1) }
    }
    const end = src.indexOf('\n')
    throw new DotenvError(`line ${this.line}: unterminated quoted value ${end === -1 ? src : src.slice(0, end)}`, this.line)
  }

  #indexOfNonSpace(src: string): number {
    let i = 0
    for (const ch of src) {
      if (ch === '\n') this.line++
      if (!isUnicodeSpace(ch)) return i
      i += ch.length
    }
    return -1
  }
}

function expandEscapes(value: string): string {
  return value.replace(ESCAPES, (match) => {
    if (match === '\\$') return '$$'
    const c = match[1] as string
    if (c !== '0') return SIMPLE_ESCAPES[c] ?? match
    const digits = match.slice(2)
    return digits.length === 3 && /^[0-7]{3}$/.test(digits) && Number.parseInt(digits, 8) <= 255
      ? String.fromCharCode(Number.parseInt(digits, 8))
      : match
  })
}

function expand(value: string, known: Record<string, string>, lookup: Lookup, line: number): string {
  try {
    return substitute(value, (name) => lookup(name) ?? (Object.hasOwn(known, name) ? known[name] : undefined))
  } catch (error) {
    throw new DotenvError(`line ${line}: ${error instanceof Error ? error.message : String(error)}`, line)
  }
}

function trimLeft(s: string, pred: (c: string) => boolean): string {
  let i = 0
  while (i < s.length && pred(s[i] as string)) i++
  return s.slice(i)
}

function trimRight(s: string, pred: (c: string) => boolean): string {
  let i = s.length
  while (i > 0 && pred(s[i - 1] as string)) i--
  return s.slice(0, i)
}

/**
 * docker's `--env-file` format (`format: raw`): `KEY=VALUE` taken literally, `#` comment lines,
 * bare `KEY` taken from `lookup` when set. Throws DotenvError.
 */
export function parseRawEnv(source: string, lookup: Lookup = () => undefined): Record<string, string> {
  const out: Record<string, string> = {}
  const text = source.startsWith('\ufeff') ? source.slice(1) : source
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = trimLeft(raw, isUnicodeSpace)
    if (line === '' || line.startsWith('#')) return
    const eq = line.indexOf('=')
    const variable = trimLeft(eq === -1 ? line : line.slice(0, eq), (c) => c === ' ' || c === '\t')
    if (/[ \t\n\v\f\r]/.test(variable)) throw new DotenvError(`line ${index + 1}: variable '${variable}' contains whitespaces`, index + 1)
    if (variable === '') throw new DotenvError(`line ${index + 1}: no variable name on line '${line}'`, index + 1)
    if (eq !== -1) {
      out[variable] = line.slice(eq + 1)
      return
    }
    const value = lookup(variable.trim())
    if (value !== undefined) out[variable.trim()] = value
  })
  return out
}

/** A custom env-file format: parses `source` into `into`, looking variables up with `lookup`. */
export type EnvFormatParser = (source: string, into: Record<string, string>, lookup: Lookup) => void

export interface EnvFileOptions {
  /** `.env` (default, also for '' and undefined), `raw`, or a name registered in `formats`. */
  format?: string
  formats?: Readonly<Record<string, EnvFormatParser>>
  lookup?: Lookup
  into?: Record<string, string>
}

/** Parses one env file in the given format. Throws DotenvError (also for an unknown format). */
export function parseEnvFile(source: string, options: EnvFileOptions = {}): Record<string, string> {
  const into = options.into ?? {}
  const lookup = options.lookup ?? (() => undefined)
  const format = options.format ?? ''
  if (format === '' || format === '.env') return parseDotenv(source, { lookup, into })
  if (format === 'raw') return Object.assign(into, parseRawEnv(source, lookup))
  const custom = options.formats?.[format]
  if (custom === undefined) throw new DotenvError(`unsupported env_file format ${JSON.stringify(format)}`, 0)
  custom(source, into, lookup)
  return into
}

/**
 * The project environment files (compose-go dotenv.GetEnvFromFile): read in order, later files
 * win; `${VAR}` inside them looks in `current` (the shell) first, then in values read so far.
 */
export function parseEnvFiles(files: readonly { path: string; content: string }[], current: Lookup): Record<string, string> {
  const out: Record<string, string> = {}
  for (const file of files) {
    try {
      parseDotenv(file.content, { into: out, lookup: (name) => current(name) ?? (Object.hasOwn(out, name) ? out[name] : undefined) })
    } catch (error) {
      if (error instanceof DotenvError) throw new DotenvError(error.message, error.line, file.path)
      throw error
    }
  }
  return out
}
