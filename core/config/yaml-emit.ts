/**
 * `compose config`'s YAML written straight from plain data (objects, arrays, strings, numbers,
 * booleans, null), byte for byte what the `yaml` library (2.x) prints for the same value as a
 * YAML 1.1 Document with toGoYaml's options (`indent: 2, indentSeq, lineWidth: 0,
 * minContentWidth: 0, singleQuote, nullStr: 'null'`) after double-quoting each one-line string
 * that would read back as null, a boolean or a number. Building that Document (a node per
 * value) and stringifying it dominated a 200-service `config`; the rules below are the
 * library's, copied from yaml/dist/stringify/*.js and yaml/dist/schema/yaml-1.1/*.js, and
 * yaml-emit.test.ts compares both writers over the corpus and thousands of tricky strings.
 *
 * `emitGoYaml` returns `undefined` for what it does not write (Map, Set, Date, class instances,
 * functions, symbols, an object or array reachable twice, which the library writes as an
 * anchor and aliases): the caller then uses the library. The documents of `compose config`
 * hold none of these.
 */
import { parse } from 'yaml'

const STEP = '  '
const MERGE_KEY = '<<'
/** Past this length (quotes included) a key is written as an explicit `? key` (stringifyPair). */
const MAX_IMPLICIT_KEY = 1024
/** Shorter double-quoted JSON keeps `\n` escapes instead of line breaks (doubleQuotedMinMultiLineLength). */
const MIN_MULTILINE_DOUBLE = 40

/** Characters only double quotes can carry: C0/C1 controls but tab and line feed, lone surrogates. */
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u
/** Text that cannot stay plain: an indicator first, `: `, ` #`, spaces at line ends (plainString). */
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m
const SPACE_AROUND_NEWLINE = /[ \t]\n|\n[ \t]/
const BLOCK_TRAILING_BLANKS = /\n[\t ]+$/
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g

/** The YAML 1.1 schema's implicit null, bool, int and float patterns (yaml/dist/schema/yaml-1.1). */
export const YAML11_NON_STRING_TESTS: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
]
/** The other default tags a plain string may not look like: the merge key and timestamps. */
export const YAML11_OTHER_TAG_TESTS: readonly RegExp[] = [
  /^<<$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
]

function anyOf(tests: readonly RegExp[]): RegExp {
  return new RegExp(tests.map((t) => `(?:${t.source})`).join('|'))
}

const NON_STRING = anyOf(YAML11_NON_STRING_TESTS)
const NOT_PLAIN_STRING = anyOf([...YAML11_NON_STRING_TESTS, ...YAML11_OTHER_TAG_TESTS])

/**
 * First characters after which a YAML 1.1 plain scalar can only be a string (or a mapping, or
 * an error): nulls start with `~ n N`, booleans with `y n t f o` (either case), numbers with a
 * digit, a sign or `.`; tags, anchors, comments, indicators and spaces are left to the parser.
 * Most strings (images, paths, names) take this path instead of a YAML parse each.
 */
export const PLAIN_STRING_START = /^[A-Za-z_/$](?<![yYnNtTfFoO])/
/**
 * A first character (or `-` and one more: `-5`, `--port`) that starts a plain scalar, not an
 * indicator, a directive or a space.
 */
const PLAIN_SCALAR_START = /^(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|-\S)/
/** Anything that could end the plain scalar early or make the line more than one scalar (`---`, `...` mark documents). */
const NOT_ONE_SCALAR = /\s$|[\t\uFEFF\u2028\u2029]|: | #|:$|^(?:---|\.\.\.)/

/** A letter, `_`, `/` or `$`, then no space, control character or surrogate: most keys, names and paths. */
const WORD = /^[A-Za-z_/$][^\s\x00-\x1f\x7f-\x9f\ud800-\udfff]*$/
/** First letters of the words and numbers of YAML 1.1 (`yes`, `null`, `e5`). */
const WORD_LIKE_VALUE = /^[yYnNtTfFoOeE]/

/**
 * Text written as it is, without the checks below: a word that cannot start a null, a
 * boolean or a number, or does not read as one, and does not end in `:`.
 */
function isPlainWord(value: string): boolean {
  return WORD.test(value) && !value.endsWith(':') && (!WORD_LIKE_VALUE.test(value) || !NOT_PLAIN_STRING.test(value))
}

/** What `parse(text, { version: '1.1' })` gives, asked of the yaml library for unusual text. */
export function parsesAsNonString(text: string): boolean {
  try {
    const value: unknown = parse(text, { version: '1.1', logLevel: 'error' })
    return value === null || typeof value === 'number' || typeof value === 'boolean'
  } catch {
    return false
  }
}

/** Quotes for a string that is neither a plain nor a block scalar (quotedString). */
function quoted(value: string, indent: string, implicitKey: boolean): string {
  return value.includes("'") && !value.includes('"') ? doubleQuoted(value, indent, implicitKey) : singleQuoted(value, indent, implicitKey)
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || SPACE_AROUND_NEWLINE.test(value)) return doubleQuoted(value, indent, implicitKey)
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : '')
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`)}'`
}

/** One `\uXXXX` escape of JSON.stringify in YAML's shorter forms. */
function unicodeEscape(code: string): string {
  switch (code) {
    case '0000':
      return '\\0'
    case '0007':
      return '\\a'
    case '000b':
      return '\\v'
    case '001b':
      return '\\e'
    case '0085':
      return '\\N'
    case '00a0':
      return '\\_'
    case '2028':
      return '\\L'
    case '2029':
      return '\\P'
    default:
      return code.startsWith('00') ? `\\x${code.substring(2)}` : `\\u${code}`
  }
}

/** JSON's escapes, YAML's short forms, and line breaks for `\n` in long values (doubleQuotedString). */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value)
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : '')
  const breakLines = !implicitKey && json.length >= MIN_MULTILINE_DOUBLE
  let str = ''
  let start = 0
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // a space before a line break is escaped so that folding keeps it
      str += `${json.slice(start, i)}\\ `
      i += 1
      start = i
      ch = '\\'
    }
    if (ch !== '\\') continue
    const next = json[i + 1]
    if (next === 'u') {
      str += json.slice(start, i) + unicodeEscape(json.substring(i + 2, i + 6))
      i += 5
      start = i + 1
    } else if (next === 'n' && breakLines && json[i + 2] !== '"') {
      // folding eats the first line break
      str += `${json.slice(start, i)}\n\n`
      while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
        str += '\n'
        i += 2
      }
      str += lineIndent
      if (json[i + 2] === ' ') str += '\\'
      i += 1
      start = i + 1
    } else {
      i += 1
    }
  }
  return start ? str + json.slice(start) : json
}

/** Where the text ends in blank space: `-` strip, `` clip, `+` keep, and that tail. */
function blockTail(value: string): { chomp: string; end: string } {
  let endStart = value.length
  while (endStart > 0) {
    const ch = value[endStart - 1]
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break
    endStart -= 1
  }
  const end = value.substring(endStart)
  const endNlPos = end.indexOf('\n')
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : ''
  return { chomp, end }
}

/** Leading spaces and line breaks: their length and whether a space comes first (for `|2`). */
function blockHead(value: string): { length: number; withSpace: boolean } {
  let withSpace = false
  let startEnd = 0
  let startNlPos = -1
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd]
    if (ch === ' ') withSpace = true
    else if (ch === '\n') startNlPos = startEnd
    else break
  }
  return { length: startNlPos < startEnd ? startNlPos + 1 : startEnd, withSpace }
}

/** A literal block scalar `|`, `|-`, `|+`, with an indentation indicator for leading spaces (blockString). */
function literalBlock(text: string, indent: string, forceIndent: boolean): string {
  if (BLOCK_TRAILING_BLANKS.test(text)) return quoted(text, indent, false)
  const blockIndent = indent || (forceIndent || DOCUMENT_MARKER.test(text) ? STEP : '')
  const { chomp, end: tail } = blockTail(text)
  let value = text
  let end = tail
  if (end) {
    value = value.slice(0, -end.length)
    if (end.endsWith('\n')) end = end.slice(0, -1)
    end = end.replace(BLOCK_END_NEWLINES, `$&${blockIndent}`)
  }
  const head = blockHead(value)
  let start = value.substring(0, head.length)
  if (start) {
    value = value.substring(start.length)
    start = start.replace(/\n+/g, `$&${blockIndent}`)
  }
  const header = (head.withSpace ? (blockIndent ? '2' : '1') : '') + chomp
  return `|${header}\n${blockIndent}${start}${value.replace(/\n+/g, `$&${blockIndent}`)}${end}`
}

/** A string that neither reads back as another type nor needs double quotes (plainString). */
function plainOrQuoted(value: string, indent: string, implicitKey: boolean): string {
  const multiline = value.includes('\n')
  if (implicitKey && multiline) return quoted(value, indent, implicitKey)
  if (PLAIN_UNSAFE.test(value)) return implicitKey || !multiline ? quoted(value, indent, implicitKey) : literalBlock(value, indent, false)
  if (multiline) return literalBlock(value, indent, false)
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') return literalBlock(value, indent, true)
    if (implicitKey && indent === STEP) return quoted(value, indent, implicitKey)
  }
  return NOT_PLAIN_STRING.test(value) ? quoted(value, indent, implicitKey) : value
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf'
  return Object.is(value, -0) ? '-0' : JSON.stringify(value)
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Keys whose value is not `undefined` (the library leaves those out). */
function definedKeys(map: Record<string, unknown>): string[] {
  const keys = Object.keys(map)
  for (const key of keys) {
    if (map[key] === undefined) return keys.filter((k) => map[k] !== undefined)
  }
  return keys
}

/** Raised for a value only the yaml library writes; `emitGoYaml` then returns `undefined`. */
class Unsupported extends Error {}

class Emitter {
  out = ''
  readonly #seen = new Set<object>()
  readonly #parsed = new Map<string, boolean>()
  /** Keys already known to be written bare (the same few dozen keys repeat all through a project). */
  readonly #plainKeys = new Set<string>()

  /** The value at the current position; `indent` starts its following lines. */
  node(value: unknown, indent: string): void {
    switch (typeof value) {
      case 'string':
        this.out += this.string(value, indent, false)
        return
      case 'number':
        this.out += formatNumber(value)
        return
      case 'boolean':
        this.out += value ? 'true' : 'false'
        return
      case 'bigint':
        this.out += String(value)
        return
      case 'undefined':
        this.out += 'null'
        return
      case 'object':
        if (value === null) this.out += 'null'
        else this.collection(value, indent, '')
        return
      default:
        throw new Unsupported()
    }
  }

  /** A sequence or a mapping after `lead` (a line break under a key); `[]` and `{}` stay on the key's line. */
  collection(value: object, indent: string, lead: string): void {
    if (Array.isArray(value)) {
      this.#visit(value)
      if (value.length === 0) this.out += lead === '' ? '[]' : ' []'
      else {
        this.out += lead
        this.sequence(value, indent)
      }
      return
    }
    const map = this.#plainMap(value)
    const keys = definedKeys(map)
    if (keys.length === 0) this.out += lead === '' ? '{}' : ' {}'
    else {
      this.out += lead
      this.mapping(map, keys, indent)
    }
  }

  /** `- item` lines; an item's own following lines are indented one step more. */
  sequence(items: readonly unknown[], indent: string): void {
    const itemIndent = indent + STEP
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.out += `\n${indent}`
      this.out += '- '
      this.node(items[i], itemIndent)
    }
  }

  /** `key: value` lines, in the order of `keys`. */
  mapping(map: Record<string, unknown>, keys: readonly string[], indent: string): void {
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.out += `\n${indent}`
      const key = keys[i] as string
      this.pair(key, map[key], indent)
    }
  }

  /** `key: value`, the value on the next lines when it is a non-empty collection (stringifyPair). */
  pair(key: string, value: unknown, indent: string): void {
    const inner = indent + STEP
    let keyText = key
    if (!this.#plainKeys.has(key)) {
      keyText = this.string(key, inner, true)
      if (keyText === key && isPlainWord(key)) this.#plainKeys.add(key)
    }
    if (keyText.length > MAX_IMPLICIT_KEY) {
      this.out += `? ${keyText}\n${indent}: `
      this.node(value, inner)
    } else if (value !== null && typeof value === 'object') {
      this.out += `${keyText}:`
      this.collection(value, inner, `\n${inner}`)
    } else {
      this.out += `${keyText}: `
      this.node(value, inner)
    }
  }

  /** A string as a key (`implicitKey`) or a value: plain, quoted or a literal block. */
  string(value: string, indent: string, implicitKey: boolean): string {
    if (isPlainWord(value)) return value
    // the 1.1 schema's merge tag claims the string `<<` and writes it bare
    if (value === MERGE_KEY) return value
    if (FORCE_DOUBLE.test(value) || (!value.includes('\n') && this.#readsAsNonString(value))) return doubleQuoted(value, indent, implicitKey)
    return plainOrQuoted(value, indent, implicitKey)
  }

  /**
   * Whether the one-line text, read back as YAML 1.1, would be null, a boolean or a number:
   * toGoYaml's shortcut, then the schema's patterns when the text is one plain scalar, else
   * the yaml library's answer (flow collections, tags, anchors, comments, `- x`, `a: b`).
   */
  #readsAsNonString(text: string): boolean {
    if (text === '') return true
    if (PLAIN_STRING_START.test(text)) return false
    if (PLAIN_SCALAR_START.test(text) && !NOT_ONE_SCALAR.test(text)) return NON_STRING.test(text)
    let answer = this.#parsed.get(text)
    if (answer === undefined) this.#parsed.set(text, (answer = parsesAsNonString(text)))
    return answer
  }

  /** The object as a mapping, if the library would write it as one from its own keys. */
  #plainMap(value: object): Record<string, unknown> {
    if (!isPlainObject(value)) throw new Unsupported()
    this.#visit(value)
    return value
  }

  /** The library writes a second reference to the same object as an alias. */
  #visit(value: object): void {
    if (this.#seen.has(value)) throw new Unsupported()
    this.#seen.add(value)
  }
}

/** The YAML text of `document` (with the final line break), or `undefined` when only the library can write it. */
export function emitGoYaml(document: unknown): string | undefined {
  if (document === undefined) return undefined
  const emitter = new Emitter()
  try {
    emitter.node(document, '')
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
  return `${emitter.out}\n`
}
