/**
 * A fast path in front of the `yaml` library for the plain YAML that compose files are written
 * in: block mappings and sequences, plain / quoted / block scalars, flow collections, comments,
 * anchors, aliases, `<<` merge keys and the `!reset` / `!override` tags. On a large file the
 * `yaml` library (a full YAML 1.2 lexer, CST, composer and Document) takes most of the load;
 * this reader goes straight from the text to a small node tree and then builds the same model
 * and SourceNode tree as parse.ts's Walker, with the same positions, tags, key order, alias and
 * node budgets.
 *
 * It never reports anything: on anything it does not fully support, or that is an error or
 * merely unusual (tabs, directives, several documents, `?` keys, other tags, duplicate or
 * non-string keys, unknown anchors, cycles, budgets exceeded, ...), it gives up and returns
 * `undefined`, and parseCompose runs the `yaml` library, which reports exactly what it always
 * did. Where it accepts a text, the result is identical to the library path's: the scanning
 * rules below port the library's lexer (lexer.js: plain scalar ends, `continueScalar`, block
 * scalar extent) and resolvers (resolve-flow-scalar.js, resolve-block-scalar.js) and the core
 * schema's scalar tests, and yaml-fast.test.ts checks it against the library on the corpus
 * and on mutations of it.
 */
import type { SourceLocation } from '../errors.ts'
import type { ParseResult } from './parse.ts'
import type { MergeTag, SourceNode } from './source-map.ts'
import type { PathSegment } from './types.ts'

export interface FastParseOptions {
  file: string
  /** Nodes that alias expansion may add (parse.ts's DEFAULT_MAX_ALIAS_COUNT unless set). */
  maxAliasCount: number
  /** Nodes the build may visit, aliases expanded (parse.ts's DEFAULT_MAX_NODES unless set). */
  maxNodes: number
}

/** The fast path's result, or `undefined` when the `yaml` library must read the text. */
export function fastParseCompose(text: string, options: FastParseOptions): ParseResult | undefined {
  try {
    return fastParseComposeOrThrow(text, options)
  } catch {
    // a bail-out, or a bug or a stack overflow here: the library path decides
    return undefined
  }
}

/** Like fastParseCompose, but only bail-outs give `undefined`; other errors are thrown (tests). */
export function fastParseComposeOrThrow(text: string, options: FastParseOptions): ParseResult | undefined {
  try {
    return parseText(text, options)
  } catch (error) {
    if (error === BAIL) return undefined
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Node tree

interface NodeBase {
  /** Offset of the node (the library's `range[0]`: after any anchor or tag). */
  off: number
  tag: MergeTag | undefined
  /** Memo of the alias budget's expanded size; -1 until measured. */
  size: number
}

interface MapNode extends NodeBase {
  kind: 'map'
  pairs: Pair[]
  /** Keys written explicitly (not `<<`): made for large maps (duplicates) and for merges. */
  keys: Set<string> | undefined
}

interface Pair {
  key: string
  keyOff: number
  merge: boolean
  value: FastNode
}

interface SeqNode extends NodeBase {
  kind: 'seq'
  items: FastNode[]
}

interface ScalarNode extends NodeBase {
  kind: 'scalar'
  value: string | number | boolean | null
}

interface AliasNode extends NodeBase {
  kind: 'alias'
  target: FastNode
}

type FastNode = MapNode | SeqNode | ScalarNode | AliasNode

class Bail extends Error {}
/** Thrown (once created) wherever the fast path gives up. */
const BAIL = new Bail('unsupported by the fast YAML path')

function bail(): never {
  throw BAIL
}

/** Nesting deeper than this goes to the library (no stack overflows here). */
const MAX_DEPTH = 200
/** The library refuses implicit keys longer than 1024 characters; stay clear of the edge. */
const MAX_KEY_LENGTH = 1000

// character codes
const LF = 10
const SP = 32
const BANG = 33
const DQ = 34
const HASH = 35
const PERCENT = 37
const AMP = 38
const SQ = 39
const STAR = 42
const COMMA = 44
const DASH = 45
const DOT = 46
const COLON = 58
const GT = 62
const QUESTION = 63
const AT = 64
const LBRACKET = 91
const RBRACKET = 93
const BACKTICK = 96
const LBRACE = 123
const PIPE = 124
const RBRACE = 125

/** Space, line feed or end of text (the lexer's `isEmpty`; tabs and CR never get this far). */
function isBlank(c: number): boolean {
  return c === SP || c === LF || Number.isNaN(c)
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE
}

/** Characters accepted in anchor and alias names (a safe subset of what YAML allows). */
function isAnchorChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === DASH || c === DOT
}

/** Can a plain scalar start here? (`?x` and `:x` in flow collections are left to the library.) */
function isPlainStart(c: number, next: number, flow: boolean): boolean {
  switch (c) {
    case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH: case AMP: case STAR: case BANG:
    case PIPE: case GT: case SQ: case DQ: case PERCENT: case AT: case BACKTICK:
      return false
    case QUESTION: case COLON:
      return !flow && !isBlank(next)
    case DASH:
      return !isBlank(next) && !(flow && isFlowIndicator(next))
    default:
      return !Number.isNaN(c) && c !== SP && c !== LF
  }
}

// ---------------------------------------------------------------------------------------------
// Entry

/**
 * Where a plain scalar in block context stops: the first `:` indicator (`:` then a blank or the
 * end), ` #` comment or line break at or after `from`, or the end of `s`. A scan rather than a
 * regex: no match object for every scalar and key.
 */
function blockPlainStop(s: string, from: number): number {
  const len = s.length
  for (let i = from; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c === LF) return i
    if (c === COLON) {
      const n = s.charCodeAt(i + 1)
      if (i + 1 >= len || n === SP || n === LF) return i
    } else if (c === SP && s.charCodeAt(i + 1) === HASH) return i
  }
  return len
}

/** The same in flow context, where flow indicators end plain scalars too. */
function flowPlainStop(s: string, from: number): number {
  const len = s.length
  for (let i = from; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c === LF || isFlowIndicator(c)) return i
    if (c === COLON) {
      const n = s.charCodeAt(i + 1)
      if (i + 1 >= len || n === SP || n === LF || isFlowIndicator(n)) return i
    } else if (c === SP) {
      const n = s.charCodeAt(i + 1)
      if (n === HASH || isFlowIndicator(n)) return i
    }
  }
  return len
}

/** No tabs, BOM, control characters or lone CR: the library handles those. */
const UNSUPPORTED_CHARS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f\ufeff]|\r(?!\n)/

function parseText(input: string, options: FastParseOptions): ParseResult {
  if (UNSUPPORTED_CHARS.test(input)) bail()
  // CR only ever ends a line here: dropping it changes no line or column and no value
  const text = input.includes('\r') ? input.replace(/\r\n/g, '\n') : input
  const reader = new Reader(text)
  const root = reader.document()
  const out: ParseResult = { documents: [], problems: [], warnings: [] }
  if (root === undefined) return out
  if (aliasBudgetExceeded(reader.aliases, options.maxAliasCount)) bail()
  const builder = new Builder(options.file, lineStarts(text), options.maxNodes)
  const model = builder.node(root)
  if (!isRecord(model)) bail()
  out.documents.push({ file: options.file, index: 0, model, sources: builder.src })
  return out
}

// ---------------------------------------------------------------------------------------------
// Reader: text → node tree

class Reader {
  readonly s: string
  readonly len: number
  pos = 0
  /** Start of the line `pos` is on (kept for lines found by nextContent). */
  lineStart = 0
  depth = 0
  readonly anchors = new Map<string, FastNode>()
  readonly aliases: AliasNode[] = []

  constructor(text: string) {
    this.s = text
    this.len = text.length
  }

  /** The character code at `i` (NaN past the end, which every test here treats as an end). */
  /**
   * The root mapping (a block mapping, or a flow mapping as in JSON), or `undefined` for a text
   * of blank and comment lines only.
   */
  document(): MapNode | undefined {
    let indent = this.nextContent(true)
    if (indent === -1) return undefined
    if (indent === 0 && this.isMarker(this.pos, DASH)) {
      this.pos += 3
      this.endLine()
      indent = this.nextContent(false)
      if (indent === -1) bail()
    }
    let root: MapNode
    if (this.s.charCodeAt(this.pos) === LBRACE) {
      // the lexer has no indentation to keep at the top level (indentNext 0)
      const flow = this.flow(0, undefined, undefined, 1)
      if (flow.kind !== 'map') bail()
      root = flow
      this.endLine()
    } else {
      if (this.keyColon(this.pos) === -1) bail()
      root = this.blockMap(indent, undefined, undefined)
    }
    if (this.nextContent(false) !== -1) bail()
    return root
  }

  // ----- lines

  /**
   * Moves to the first character of the next content line (skipping blank and comment lines)
   * and returns its indentation, or -1 at the end. Idempotent once positioned.
   */
  nextContent(allowDocStart: boolean): number {
    if (this.pos !== this.lineStart) return this.pos - this.lineStart
    let p = this.pos
    for (;;) {
      const start = p
      while (this.s.charCodeAt(p) === SP) p++
      if (p >= this.len) {
        this.pos = this.lineStart = this.len
        return -1
      }
      const c = this.s.charCodeAt(p)
      if (c === LF) {
        p++
        continue
      }
      if (c === HASH) {
        const nl = this.s.indexOf('\n', p)
        p = nl === -1 ? this.len : nl + 1
        continue
      }
      this.lineStart = start
      this.pos = p
      if (p === start && (c === DASH || c === DOT) && this.isMarker(p, c) && !(allowDocStart && c === DASH)) bail()
      return p - start
    }
  }

  /** `---` or `...` followed by a blank. */
  isMarker(p: number, c: number): boolean {
    return this.s.charCodeAt(p) === c && this.s.charCodeAt(p + 1) === c && this.s.charCodeAt(p + 2) === c && isBlank(this.s.charCodeAt(p + 3))
  }

  /** After a node: spaces, an optional comment, then the line feed (or the end). */
  endLine(): void {
    let p = this.pos
    while (this.s.charCodeAt(p) === SP) p++
    if (this.s.charCodeAt(p) === HASH) {
      const before = this.s.charCodeAt(p - 1)
      if (before !== SP && before !== LF) bail()
      const nl = this.s.indexOf('\n', p)
      p = nl === -1 ? this.len : nl
    }
    if (p >= this.len) {
      this.pos = this.lineStart = this.len
      return
    }
    if (this.s.charCodeAt(p) !== LF) bail()
    this.pos = this.lineStart = p + 1
  }

  isSeqIndicator(p: number): boolean {
    return this.s.charCodeAt(p) === DASH && isBlank(this.s.charCodeAt(p + 1))
  }

  /**
   * The lexer's `continueScalar`: where the next line of a multi-line scalar goes on, or -1
   * when that line is indented less than `indentNext` (or, at the top level, is `---` / `...`).
   */
  continueScalar(offset: number, indentNext: number): number {
    if (indentNext === 0) return this.isMarker(offset, DASH) || this.isMarker(offset, DOT) ? -1 : offset
    let indent = 0
    let c = this.s.charCodeAt(offset)
    while (c === SP) c = this.s.charCodeAt(++indent + offset)
    return c === LF || indent >= indentNext ? offset + indent : -1
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) bail()
  }

  // ----- block collections

  /** A block mapping whose keys start at column `indent`; `pos` is at its first key. */
  blockMap(indent: number, anchor: string | undefined, tag: MergeTag | undefined): MapNode {
    const map: MapNode = { kind: 'map', off: this.pos, tag, size: -1, pairs: [], keys: undefined }
    if (anchor !== undefined) this.anchors.set(anchor, map)
    this.enter()
    for (;;) {
      const keyOff = this.pos
      const colon = this.keyColon(keyOff)
      if (colon === -1 || colon - keyOff > MAX_KEY_LENGTH) bail()
      const { key, merge } = this.keyText(keyOff, colon)
      this.addKey(map, key, merge)
      this.pos = colon + 1
      map.pairs.push({ key, keyOff, merge, value: this.value(indent, false) })
      const next = this.nextContent(false)
      if (next !== indent || this.isSeqIndicator(this.pos)) break
    }
    this.depth--
    return map
  }

  /** Refuses a duplicate key (the Walker reports it) and `__proto__` (not a plain property). */
  addKey(map: MapNode, key: string, merge: boolean): void {
    if (key === '__proto__') bail()
    if (merge) return
    const pairs = map.pairs
    if (map.keys === undefined && pairs.length < 16) {
      for (const pair of pairs) if (pair.key === key && !pair.merge) bail()
      return
    }
    map.keys ??= explicitKeys(map)
    if (map.keys.has(key)) bail()
    map.keys.add(key)
  }

  /** A block sequence whose `-` are at column `indent`; `pos` is at its first `-`. */
  blockSeq(indent: number, anchor: string | undefined, tag: MergeTag | undefined): SeqNode {
    const seq: SeqNode = { kind: 'seq', off: this.pos, tag, size: -1, items: [] }
    if (anchor !== undefined) this.anchors.set(anchor, seq)
    this.enter()
    for (;;) {
      this.pos++
      seq.items.push(this.value(indent, true))
      const next = this.nextContent(false)
      if (next !== indent || !this.isSeqIndicator(this.pos)) break
    }
    this.depth--
    return seq
  }

  /**
   * If a single-line implicit key starts at `p` (plain or quoted, then `:` and a blank), the
   * offset of its `:`; else -1.
   */
  keyColon(p: number): number {
    const c = this.s.charCodeAt(p)
    if (c === SQ || c === DQ) {
      const close = this.quoteEnd(p)
      if (close === -1) return -1
      const nl = this.s.indexOf('\n', p)
      if (nl !== -1 && nl < close) return -1
      let i = close + 1
      while (this.s.charCodeAt(i) === SP) i++
      return this.s.charCodeAt(i) === COLON && isBlank(this.s.charCodeAt(i + 1)) ? i : -1
    }
    if (!isPlainStart(c, this.s.charCodeAt(p + 1), false)) return -1
    const stop = blockPlainStop(this.s, p)
    return this.s.charCodeAt(stop) === COLON ? stop : -1
  }

  /** The key before the `:` at `colon`, found by keyColon. */
  keyText(p: number, colon: number): { key: string; merge: boolean } {
    const c = this.s.charCodeAt(p)
    if (c === SQ || c === DQ) return { key: quotedValue(this.s.slice(p, this.quoteEnd(p) + 1)), merge: false }
    let end = colon
    while (this.s.charCodeAt(end - 1) === SP) end--
    const key = this.s.slice(p, end)
    if (key === '<<') return { key, merge: true }
    if (typeof resolvePlain(key) !== 'string') bail()
    return { key, merge: false }
  }

  // ----- values

  /**
   * The node after `key:` (`seqItem` false) or `-` (true); `pos` is just after the indicator
   * and `indent` is the column of the key or the `-`.
   */
  value(indent: number, seqItem: boolean): FastNode {
    let p = this.pos
    while (this.s.charCodeAt(p) === SP) p++
    let anchor: string | undefined
    let tag: MergeTag | undefined
    for (;;) {
      const c = this.s.charCodeAt(p)
      if (c === AMP && anchor === undefined) {
        const end = this.nameEnd(p + 1)
        if (!isBlank(this.s.charCodeAt(end))) bail()
        anchor = this.s.slice(p + 1, end)
        p = end
      } else if (c === BANG && tag === undefined) {
        let end = p + 1
        while (!isBlank(this.s.charCodeAt(end))) end++
        tag = mergeTag(this.s.slice(p, end))
        p = end
      } else {
        break
      }
      while (this.s.charCodeAt(p) === SP) p++
    }
    this.pos = p
    const c = this.s.charCodeAt(p)
    if (p >= this.len || c === LF || c === HASH) return this.valueBelow(indent, seqItem, c === HASH, anchor, tag)
    return this.inline(indent, seqItem, anchor, tag)
  }

  /** Nothing after the indicator on its line: the node is on the next lines, or empty. */
  valueBelow(indent: number, seqItem: boolean, comment: boolean, anchor: string | undefined, tag: MergeTag | undefined): FastNode {
    const emptyOff = this.pos
    this.endLine()
    const next = this.nextContent(false)
    if (next > indent) return this.ownLine(next, indent, anchor, tag)
    if (next === indent && !seqItem && this.isSeqIndicator(this.pos)) return this.blockSeq(indent, anchor, tag)
    if (seqItem && (comment || anchor !== undefined || tag !== undefined)) bail()
    return this.scalar(emptyOff, tag === undefined ? null : '', anchor, tag)
  }

  /** A node on a line of its own, at column `column` (more than the parent's `indent`). */
  ownLine(column: number, indent: number, anchor: string | undefined, tag: MergeTag | undefined): FastNode {
    const p = this.pos
    const c = this.s.charCodeAt(p)
    if (this.isSeqIndicator(p)) return this.blockSeq(column, anchor, tag)
    if (c === AMP || c === BANG || c === PIPE || c === GT) bail()
    if (this.keyColon(p) !== -1) return this.blockMap(column, anchor, tag)
    return this.flowish(indent, anchor, tag)
  }

  /** A node on the indicator's line. */
  inline(indent: number, seqItem: boolean, anchor: string | undefined, tag: MergeTag | undefined): FastNode {
    const p = this.pos
    const c = this.s.charCodeAt(p)
    if (c === PIPE || c === GT) return this.blockScalar(indent, anchor, tag)
    // `- key: value`: a mapping in a sequence item, its keys at this column (after `key:`, a
    // key is refused by plainBlock or by endLine)
    if (seqItem && this.keyColon(p) !== -1) {
      if (anchor !== undefined || tag !== undefined) bail()
      return this.blockMap(p - this.lineStart, undefined, undefined)
    }
    return this.flowish(indent, anchor, tag)
  }

  /** A scalar, flow collection or alias in block context, then the end of its line. */
  flowish(indent: number, anchor: string | undefined, tag: MergeTag | undefined): FastNode {
    const c = this.s.charCodeAt(this.pos)
    const indentNext = indent + 1
    let node: FastNode
    if (c === LBRACKET || c === LBRACE) node = this.flow(indentNext, anchor, tag, 1)
    else if (c === SQ || c === DQ) node = this.quoted(indentNext, anchor, tag)
    else if (c === STAR && anchor === undefined && tag === undefined) node = this.alias(false)
    else node = this.plainBlock(indentNext, anchor, tag)
    this.endLine()
    return node
  }

  scalar(off: number, value: ScalarNode['value'], anchor: string | undefined, tag: MergeTag | undefined): ScalarNode {
    const node: ScalarNode = { kind: 'scalar', off, tag, size: -1, value }
    if (anchor !== undefined) this.anchors.set(anchor, node)
    return node
  }

  /** End of an anchor or alias name starting at `p` (bails on an empty name). */
  nameEnd(p: number): number {
    let end = p
    while (isAnchorChar(this.s.charCodeAt(end))) end++
    if (end === p) bail()
    return end
  }

  alias(flow: boolean): AliasNode {
    const off = this.pos
    const end = this.nameEnd(off + 1)
    const after = this.s.charCodeAt(end)
    if (!isBlank(after) && !(flow && (after === COMMA || after === RBRACKET || after === RBRACE))) bail()
    const target = this.anchors.get(this.s.slice(off + 1, end))
    if (target === undefined) bail()
    const node: AliasNode = { kind: 'alias', off, tag: undefined, size: -1, target }
    this.aliases.push(node)
    this.pos = end
    return node
  }

  // ----- scalars

  /** A plain scalar in block context, possibly over several lines (lexer.js parsePlainScalar). */
  plainBlock(indentNext: number, anchor: string | undefined, tag: MergeTag | undefined): ScalarNode {
    const start = this.pos
    if (!isPlainStart(this.s.charCodeAt(start), this.s.charCodeAt(start + 1), false)) bail()
    const stop = blockPlainStop(this.s, start)
    const c = this.s.charCodeAt(stop)
    if (c === COLON) bail() // a key where a value belongs
    if (c !== LF || this.s.charCodeAt(stop + 1) === HASH || this.continueScalar(stop + 1, indentNext) === -1) {
      // on one line (the common case)
      let end = stop
      while (this.s.charCodeAt(end - 1) === SP) end--
      const text = this.s.slice(start, end)
      this.pos = end
      return this.scalar(start, tag === undefined ? resolvePlain(text) : text, anchor, tag)
    }
    return this.plainLines(start, indentNext, anchor, tag)
  }

  /** A plain scalar that may go on over the next lines: the lexer's loop, character by character. */
  plainLines(start: number, indentNext: number, anchor: string | undefined, tag: MergeTag | undefined): ScalarNode {
    let end = start
    let multiline = false
    for (let i = start + 1; i < this.len; i++) {
      const c = this.s.charCodeAt(i)
      if (c === COLON) {
        if (isBlank(this.s.charCodeAt(i + 1))) bail() // a key where a value belongs
        end = i
      } else if (c === SP || c === LF) {
        if (this.s.charCodeAt(i + 1) === HASH) break
        if (c === LF) {
          const cs = this.continueScalar(i + 1, indentNext)
          if (cs === -1) break
          multiline = true
          i = Math.max(i, cs - 2)
        }
      } else {
        end = i
      }
    }
    const raw = this.s.slice(start, end + 1)
    const text = multiline && raw.includes('\n') ? unfoldLines(raw) : raw
    this.pos = end + 1
    return this.scalar(start, tag === undefined ? resolvePlain(text) : text, anchor, tag)
  }

  /** Offset of the closing quote of the quoted scalar at `p` (lexer.js parseQuotedScalar), or -1. */
  quoteEnd(p: number): number {
    const s = this.s
    if (this.s.charCodeAt(p) === SQ) {
      let end = s.indexOf("'", p + 1)
      while (end !== -1 && this.s.charCodeAt(end + 1) === SQ) end = s.indexOf("'", end + 2)
      return end
    }
    let end = s.indexOf('"', p + 1)
    while (end !== -1) {
      let n = 0
      while (this.s.charCodeAt(end - 1 - n) === 0x5c) n++
      if (n % 2 === 0) break
      end = s.indexOf('"', end + 1)
    }
    return end
  }

  /** A single- or double-quoted scalar; its later lines must be indented at least `indentNext`. */
  quoted(indentNext: number, anchor: string | undefined, tag: MergeTag | undefined): ScalarNode {
    const start = this.pos
    const close = this.quoteEnd(start)
    if (close === -1) bail()
    let nl = this.s.indexOf('\n', start)
    while (nl !== -1 && nl < close) {
      const cs = this.continueScalar(nl + 1, indentNext)
      if (cs === -1) bail()
      nl = this.s.indexOf('\n', cs)
    }
    this.pos = close + 1
    return this.scalar(start, quotedValue(this.s.slice(start, close + 1)), anchor, tag)
  }

  /**
   * `|` or `>` after `key:` or `-` at column `indent`: header, then the lexer's extent of the
   * body, then the resolver's value (which indents from the parent collection's column).
   */
  blockScalar(indent: number, anchor: string | undefined, tag: MergeTag | undefined): ScalarNode {
    const start = this.pos
    let i = start + 1
    while (!isBlank(this.s.charCodeAt(i)) && this.s.charCodeAt(i) !== HASH) i++
    const header = parseBlockHeader(this.s.slice(start, i))
    if (header === undefined) bail()
    let j = i
    while (this.s.charCodeAt(j) === SP) j++
    if (this.s.charCodeAt(j) === HASH) {
      if (j === i) bail()
      const nl = this.s.indexOf('\n', j)
      j = nl === -1 ? this.len : nl
    } else if (j < this.len && this.s.charCodeAt(j) !== LF) {
      bail()
    }
    let value = ''
    if (j >= this.len) {
      this.pos = this.lineStart = this.len
    } else {
      const body = j + 1
      const end = this.blockScalarEnd(body, indent + 1, header)
      value = blockScalarValue(this.s.slice(body, end), indent, header)
      this.pos = this.lineStart = Math.min(end, this.len)
    }
    return this.scalar(start, value, anchor, tag)
  }

  /** Where a block scalar's body starting at `body` ends (lexer.js parseBlockScalar). */
  blockScalarEnd(body: number, indentNext: number, header: BlockHeader): number {
    let nl = body - 1
    let indent = 0
    for (let i = body; i < this.len; i++) {
      const c = this.s.charCodeAt(i)
      if (c === SP) {
        indent++
      } else if (c === LF) {
        nl = i
        indent = 0
      } else {
        break
      }
    }
    if (indent >= indentNext) {
      const contentIndent = header.indent === 0 ? indent : header.indent - 1 + indentNext
      do {
        const cs = this.continueScalar(nl + 1, contentIndent)
        if (cs === -1) break
        nl = this.s.indexOf('\n', cs)
      } while (nl !== -1)
      if (nl === -1) nl = this.len
    }
    if (header.chomp !== '+') {
      for (;;) {
        let k = nl - 1
        const lastChar = k
        while (this.s.charCodeAt(k) === SP) k--
        if (this.s.charCodeAt(k) === LF && k >= body && k + 1 + indent > lastChar) nl = k
        else break
      }
    }
    return nl + 1
  }

  // ----- flow collections

  /** `[...]` or `{...}`, possibly over several lines; `level` is its flow nesting depth. */
  flow(indentNext: number, anchor: string | undefined, tag: MergeTag | undefined, level: number): MapNode | SeqNode {
    const off = this.pos
    const isMap = this.s.charCodeAt(off) === LBRACE
    const close = isMap ? RBRACE : RBRACKET
    const node: MapNode | SeqNode = isMap
      ? { kind: 'map', off, tag, size: -1, pairs: [], keys: undefined }
      : { kind: 'seq', off, tag, size: -1, items: [] }
    if (anchor !== undefined) this.anchors.set(anchor, node)
    this.enter()
    this.pos++
    for (;;) {
      this.flowSpace(indentNext, level)
      if (this.s.charCodeAt(this.pos) === close) break
      if (node.kind === 'map') this.flowPair(node, indentNext, level, close)
      else node.items.push(this.flowNode(indentNext, level))
      this.flowSpace(indentNext, level, node.kind === 'map')
      const c = this.s.charCodeAt(this.pos)
      if (c === close) break
      if (c !== COMMA) bail()
      this.pos++
    }
    this.pos++
    this.depth--
    return node
  }

  /**
   * Spaces, line breaks and comments inside a flow collection. A new line must be indented at
   * least `indentNext`, except comment lines and (as the lexer allows) a closing bracket of the
   * outermost collection one column less. After a flow mapping's value (`afterPair`) the library
   * refuses a comment at column 0.
   */
  flowSpace(indentNext: number, level: number, afterPair = false): void {
    let p = this.pos
    for (;;) {
      const c = this.s.charCodeAt(p)
      if (c === SP) {
        p++
      } else if (c === HASH) {
        const before = this.s.charCodeAt(p - 1)
        if (before !== SP && before !== LF) bail()
        const nl = this.s.indexOf('\n', p)
        if (nl === -1) bail()
        p = nl
      } else if (c === LF) {
        p++
        let q = p
        while (this.s.charCodeAt(q) === SP) q++
        const first = this.s.charCodeAt(q)
        if (Number.isNaN(first)) bail()
        const indent = q - p
        if (indent === 0 && ((afterPair && first === HASH) || this.isMarker(q, DASH) || this.isMarker(q, DOT))) bail()
        if (first !== LF && first !== HASH && indent < indentNext) {
          if (!(indent === indentNext - 1 && level === 1 && (first === RBRACKET || first === RBRACE))) bail()
        }
        p = q
      } else {
        break
      }
    }
    this.pos = p
  }

  /** `key: value` in a flow mapping (the value may be empty). */
  flowPair(map: MapNode, indentNext: number, level: number, close: number): void {
    const keyOff = this.pos
    const c = this.s.charCodeAt(keyOff)
    let key: string
    let merge = false
    if (c === SQ || c === DQ) {
      const end = this.quoteEnd(keyOff)
      const nl = this.s.indexOf('\n', keyOff)
      if (end === -1 || (nl !== -1 && nl < end)) bail()
      key = quotedValue(this.s.slice(keyOff, end + 1))
      this.pos = end + 1
    } else {
      if (!isPlainStart(c, this.s.charCodeAt(keyOff + 1), true)) bail()
      const { end, colon } = this.flowPlainEnd(keyOff)
      if (!colon) bail()
      key = this.s.slice(keyOff, end)
      merge = key === '<<'
      if (!merge && typeof resolvePlain(key) !== 'string') bail()
      this.pos = end
    }
    while (this.s.charCodeAt(this.pos) === SP) this.pos++
    const after = this.s.charCodeAt(this.pos + 1)
    if (this.s.charCodeAt(this.pos) !== COLON || (after !== SP && after !== LF) || this.pos - keyOff > MAX_KEY_LENGTH) bail()
    this.addKey(map, key, merge)
    this.pos++
    this.flowSpace(indentNext, level)
    const v = this.s.charCodeAt(this.pos)
    const value = v === COMMA || v === close ? this.scalar(this.pos, null, undefined, undefined) : this.flowNode(indentNext, level)
    map.pairs.push({ key, keyOff, merge, value })
  }

  /** An item or value inside a flow collection. */
  flowNode(indentNext: number, level: number): FastNode {
    let anchor: string | undefined
    let tag: MergeTag | undefined
    for (;;) {
      const p = this.pos
      const c = this.s.charCodeAt(p)
      let end: number
      if (c === AMP && anchor === undefined) {
        end = this.nameEnd(p + 1)
        anchor = this.s.slice(p + 1, end)
      } else if (c === BANG && tag === undefined) {
        end = p + 1
        while (!isBlank(this.s.charCodeAt(end))) end++
        tag = mergeTag(this.s.slice(p, end))
      } else {
        break
      }
      if (this.s.charCodeAt(end) !== SP) bail()
      this.pos = end
      while (this.s.charCodeAt(this.pos) === SP) this.pos++
    }
    const start = this.pos
    const c = this.s.charCodeAt(start)
    if (c === LBRACKET || c === LBRACE) return this.flow(indentNext, anchor, tag, level + 1)
    if (c === SQ || c === DQ) return this.quoted(indentNext, anchor, tag)
    if (c === STAR && anchor === undefined && tag === undefined) return this.alias(true)
    if (!isPlainStart(c, this.s.charCodeAt(start + 1), true)) bail()
    const { end, colon } = this.flowPlainEnd(start)
    if (colon) bail()
    const text = this.s.slice(start, end)
    this.pos = end
    return this.scalar(start, tag === undefined ? resolvePlain(text) : text, anchor, tag)
  }

  /**
   * End (exclusive) of a plain scalar in flow context and whether a `:` indicator ended it. A
   * line break ends it too: a scalar the lexer would continue on the next line leaves content
   * there that the collection then refuses.
   */
  flowPlainEnd(start: number): { end: number; colon: boolean } {
    const stop = flowPlainStop(this.s, start + 1)
    let end = stop
    while (this.s.charCodeAt(end - 1) === SP) end--
    return { end, colon: this.s.charCodeAt(stop) === COLON }
  }
}

function explicitKeys(map: MapNode): Set<string> {
  const keys = new Set<string>()
  for (const pair of map.pairs) if (!pair.merge) keys.add(pair.key)
  return keys
}

function mergeTag(tag: string): MergeTag {
  if (tag === '!reset') return 'reset'
  if (tag === '!override') return 'override'
  return bail()
}

// ---------------------------------------------------------------------------------------------
// Scalar values (the core schema plus go-yaml's `0440` octal, as parse.ts configures it)

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const GO_OCTAL_RE = /^0[0-7]+$/
const OCT_RE = /^0o[0-7]+$/
const INT_RE = /^[-+]?[0-9]+$/
const HEX_RE = /^0x[0-9a-fA-F]+$/
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/

/**
 * A plain scalar's value, tested in the schema's order: GO_OCTAL, null, bool, 0o octal, int,
 * hex, .inf/.nan, exponent float, float, else the string. Only `~ n N t T f F`, digits,
 * `+ - .` and the empty string can be anything but a string.
 */
export function resolvePlain(s: string): string | number | boolean | null {
  if (s === '') return null
  const c = s.charCodeAt(0)
  if (c === 0x7e || c === 0x6e || c === 0x4e) return NULL_RE.test(s) ? null : s
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46) return BOOL_RE.test(s) ? c === 0x74 || c === 0x54 : s
  if (!((c >= 48 && c <= 57) || c === 0x2b || c === DASH || c === DOT)) return s
  if (GO_OCTAL_RE.test(s)) return Number.parseInt(s, 8)
  if (OCT_RE.test(s)) return Number.parseInt(s.substring(2), 8)
  if (INT_RE.test(s)) return Number.parseInt(s, 10)
  if (HEX_RE.test(s)) return Number.parseInt(s.substring(2), 16)
  if (NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? Number.NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  if (EXP_RE.test(s) || FLOAT_RE.test(s)) return Number.parseFloat(s)
  return s
}

/** The value of a quoted scalar's source, quotes included (resolve-flow-scalar.js). */
function quotedValue(raw: string): string {
  const inner = raw.slice(1, -1)
  if (raw.charCodeAt(0) === SQ) {
    const text = inner.includes('\n') ? unfoldLines(inner) : inner
    return text.includes("''") ? text.replace(/''/g, "'") : text
  }
  if (!inner.includes('\\') && !inner.includes('\n')) return inner
  return doubleQuotedValue(raw)
}

/** Line folding of plain and single-quoted scalars (resolve-flow-scalar.js unfoldLines). */
function unfoldLines(source: string): string {
  const line = /(.*?)\n/sy
  let match = line.exec(source)
  if (!match) return source
  let res = (match[1] ?? '').replace(/(?<! )[ ]+$/, '')
  let sep = ' '
  let pos = line.lastIndex
  while ((match = line.exec(source))) {
    const lm = (match[1] ?? '').replace(/^[ ]+|(?<! )[ ]+$/g, '')
    if (lm === '') {
      if (sep === '\n') res += sep
      else sep = '\n'
    } else {
      res += sep + lm
      sep = ' '
    }
    pos = line.lastIndex
  }
  const last = /[ ]*(.*)/sy
  last.lastIndex = pos
  match = last.exec(source)
  return res + sep + (match?.[1] ?? '')
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
}

/** A double-quoted scalar's value (resolve-flow-scalar.js doubleQuotedValue); bails on bad escapes. */
function doubleQuotedValue(source: string): string {
  let res = ''
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i] ?? ''
    if (ch === '\n') {
      let fold = ''
      let next = source[i + 1]
      while (next === ' ' || next === '\n') {
        if (next === '\n') fold += '\n'
        next = source[++i + 1]
      }
      res += fold === '' ? ' ' : fold
    } else if (ch === '\\') {
      const next = source[++i] ?? ''
      const escaped = ESCAPES[next]
      if (escaped !== undefined) {
        res += escaped
      } else if (next === '\n') {
        // an escaped line break: skipped, the next line's indentation too
        while (source[i + 1] === ' ') i++
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8
        const hex = source.slice(i + 1, i + 1 + length)
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) bail()
        const code = Number.parseInt(hex, 16)
        if (code > 0x10ffff) bail()
        res += String.fromCodePoint(code)
        i += length
      } else {
        bail()
      }
    } else if (ch === ' ') {
      // spaces before a line break are dropped
      const wsStart = i
      let next = source[i + 1]
      while (next === ' ') next = source[++i + 1]
      if (next !== '\n') res += source.slice(wsStart, i + 1)
    } else {
      res += ch
    }
  }
  return res
}

interface BlockHeader {
  folded: boolean
  chomp: '' | '-' | '+'
  /** Explicit indentation indicator, 0 when absent. */
  indent: number
}

function parseBlockHeader(source: string): BlockHeader | undefined {
  const m = /^([|>])(?:([-+])([1-9])?|([1-9])([-+])?)?$/.exec(source)
  if (m === null) return undefined
  const chomp = m[2] ?? m[5] ?? ''
  return { folded: m[1] === '>', chomp: chomp === '-' || chomp === '+' ? chomp : '', indent: Number(m[3] ?? m[4] ?? 0) }
}

/** A block scalar's value from its body (resolve-block-scalar.js); bails where it reports errors. */
function blockScalarValue(source: string, parserIndent: number, header: BlockHeader): string {
  const lines = source === '' ? [] : splitLines(source)
  let chompStart = lines.length
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i]?.[1] === '') chompStart = i
    else break
  }
  if (chompStart === 0) return header.chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : ''
  let trimIndent = parserIndent + header.indent
  let contentStart = 0
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i] ?? ['', '']
    if (content === '') {
      if (header.indent === 0 && indent.length > trimIndent) trimIndent = indent.length
    } else {
      if (indent.length < trimIndent) bail()
      if (header.indent === 0) trimIndent = indent.length
      contentStart = i
      if (trimIndent === 0) bail()
      break
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if ((lines[i]?.[0].length ?? 0) > trimIndent) chompStart = i + 1
  }
  let value = ''
  for (let i = 0; i < contentStart; ++i) value += (lines[i]?.[0] ?? '').slice(trimIndent) + '\n'
  value += header.folded ? foldedBody(lines, contentStart, chompStart, trimIndent) : literalBody(lines, contentStart, chompStart, trimIndent)
  if (header.chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + (lines[i]?.[0] ?? '').slice(trimIndent)
    if (!value.endsWith('\n')) value += '\n'
  } else if (header.chomp === '') {
    value += '\n'
  }
  return value
}

function literalBody(lines: readonly [string, string][], from: number, to: number, trimIndent: number): string {
  let value = ''
  let sep = ''
  for (let i = from; i < to; ++i) {
    const [indent, content] = lines[i] ?? ['', '']
    if (content !== '' && indent.length < trimIndent) bail()
    value += sep + indent.slice(trimIndent) + content
    sep = '\n'
  }
  return value
}

function foldedBody(lines: readonly [string, string][], from: number, to: number, trimIndent: number): string {
  let value = ''
  let sep = ''
  let prevMoreIndented = false
  for (let i = from; i < to; ++i) {
    const [indent, content] = lines[i] ?? ['', '']
    if (content !== '' && indent.length < trimIndent) bail()
    if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n'
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n'
      value += sep + indent.slice(trimIndent) + content
      sep = '\n'
      prevMoreIndented = true
    } else if (content === '') {
      if (sep === '\n') value += '\n'
      else sep = '\n'
    } else {
      value += sep + content
      sep = ' '
      prevMoreIndented = false
    }
  }
  return value
}

/** Lines as `[indentation, content]` (resolve-block-scalar.js splitLines). */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/)
  const first = split[0] ?? ''
  const m = /^( *)/.exec(first)
  const lead = m?.[1] ?? ''
  const lines: [string, string][] = [lead === '' ? ['', first] : [lead, first.slice(lead.length)]]
  for (let i = 1; i < split.length; i += 2) lines.push([split[i] ?? '', split[i + 1] ?? ''])
  return lines
}

// ---------------------------------------------------------------------------------------------
// Alias budget (_alias-budget.ts's findAliasBomb on this tree)

function aliasBudgetExceeded(aliases: readonly AliasNode[], maxAdded: number): boolean {
  if (aliases.length === 0) return false
  const active = new Set<FastNode>()
  const expanded = (node: FastNode): number => {
    if (node.kind === 'alias') return active.has(node.target) ? 1 : measure(node.target)
    return measure(node)
  }
  const measure = (node: FastNode): number => {
    if (node.kind !== 'map' && node.kind !== 'seq') return 1
    if (node.size !== -1) return node.size
    active.add(node)
    let n = 1
    if (node.kind === 'seq') for (const item of node.items) n = Math.min(n + expanded(item), Number.MAX_SAFE_INTEGER)
    else for (const pair of node.pairs) n = Math.min(n + 1 + expanded(pair.value), Number.MAX_SAFE_INTEGER)
    active.delete(node)
    node.size = n
    return n
  }
  let added = 0
  for (const alias of aliases) added += measure(alias.target) - 1
  return added > maxAdded
}

// ---------------------------------------------------------------------------------------------
// Builder: node tree → model + SourceNode tree (parse.ts's Walker, step for step)

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1)
  return starts
}

class Builder {
  #visits = 0
  /** Line index of the last location found. */
  #line = 0
  readonly #active = new Set<FastNode>()
  readonly #file: string
  readonly #lines: readonly number[]
  readonly #maxNodes: number

  constructor(file: string, lines: readonly number[], maxNodes: number) {
    this.#file = file
    this.#lines = lines
    this.#maxNodes = maxNodes
  }

  /**
   * LineCounter.linePos (1-based): the last line starting at or before `offset`. Nodes come
   * mostly in text order, so the search walks on from the previous answer.
   */
  loc(offset: number): SourceLocation {
    const lines = this.#lines
    let k = this.#line
    if ((lines[k] ?? 0) > offset) {
      let low = 0
      let high = k
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if ((lines[mid] ?? 0) <= offset) low = mid
        else high = mid - 1
      }
      k = low
    } else {
      while (k + 1 < lines.length && (lines[k + 1] ?? 0) <= offset) k++
    }
    this.#line = k
    return { file: this.#file, line: k + 1, col: offset - (lines[k] ?? 0) + 1 }
  }

  /**
   * The model value of `node` (`undefined` for a `!reset` node, dropped from the model); its
   * SourceNode is left in `src` (a field rather than a pair object for every node).
   */
  node(node: FastNode, at?: SourceLocation): unknown {
    if (++this.#visits > this.#maxNodes) bail()
    const loc = at ?? this.loc(node.off)
    if (node.kind === 'alias') {
      // a cycle goes through an alias: an alias whose target is being built is one
      const target = node.target
      if (this.#active.has(target)) bail()
      this.#active.add(target)
      const value = this.#tagged(target, loc)
      this.#active.delete(target)
      return value
    }
    return this.#tagged(node, loc)
  }

  #tagged(target: FastNode, loc: SourceLocation): unknown {
    if (target.tag === 'reset') {
      this.src = { loc, tag: 'reset' }
      return undefined
    }
    const value = this.#value(target, loc)
    if (target.tag === 'override') this.src.tag = 'override'
    return value
  }

  src: SourceNode = {}

  #value(node: FastNode, loc: SourceLocation): unknown {
    if (node.kind === 'scalar') {
      this.src = { loc }
      return node.value
    }
    if (node.kind === 'alias') return bail()
    return node.kind === 'map' ? this.#map(node, loc) : this.#seq(node, loc)
  }

  #seq(node: SeqNode, loc: SourceLocation): unknown[] {
    const value: unknown[] = []
    let children: Map<PathSegment, SourceNode> | undefined
    for (const item of node.items) {
      const built = this.node(item)
      if (built === undefined) continue
      ;(children ??= new Map()).set(value.length, this.src)
      value.push(built)
    }
    this.src = children === undefined ? { loc } : { loc, children }
    return value
  }

  #map(node: MapNode, loc: SourceLocation): Record<string, unknown> {
    const value: Record<string, unknown> = {}
    let children: Map<PathSegment, SourceNode> | undefined
    for (const pair of node.pairs) {
      if (pair.merge) {
        node.keys ??= explicitKeys(node)
        for (const [key, built, src] of this.#mergeSources(pair)) {
          if (node.keys.has(key) || Object.hasOwn(value, key)) continue
          value[key] = built
          if (src !== undefined) (children ??= new Map()).set(key, src)
        }
        continue
      }
      const built = this.node(pair.value, this.loc(pair.keyOff))
      ;(children ??= new Map()).set(pair.key, this.src)
      if (built !== undefined) value[pair.key] = built
    }
    this.src = children === undefined ? { loc } : { loc, children }
    return value
  }

  /** `<<: *a` or `<<: [*a, *b]`: entries of the merged maps (value, source), earlier maps first. */
  #mergeSources(pair: Pair): [string, unknown, SourceNode | undefined][] {
    const source = pair.value.kind === 'alias' ? pair.value.target : pair.value
    const sources = source.kind === 'seq' ? source.items : [pair.value]
    const out: [string, unknown, SourceNode | undefined][] = []
    const seen = new Set<string>()
    for (const item of sources) {
      const built = this.node(item)
      if (!isRecord(built)) bail()
      const children = this.src.children
      for (const [key, value] of Object.entries(built)) {
        if (seen.has(key)) continue
        seen.add(key)
        out.push([key, value, children?.get(key)])
      }
    }
    return out
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
