/**
 * YAML → plain model, one file at a time. Keeps the `yaml` Document and a LineCounter so every
 * node gets a file:line:col; resolves anchors, aliases and `<<` merge keys (also lists of maps);
 * records `!reset` / `!override` tags for the merge stage; refuses alias bombs, oversized files,
 * duplicate and non-string keys, and binary content. Errors keep the `yaml` library's code and
 * position. (compose-spec/compose-go:loader/reset.go, loader/loader.go)
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Alias, type Document, type Node, type Pair, type ScalarTag } from 'yaml'
import type { SourceLocation } from '../errors.ts'
import { problem, ProblemError, type LoadProblem } from './_problems.ts'
import { findAliasBomb, mapAliases } from './_alias-budget.ts'
import { sourceNode, type SourceNode } from './source-map.ts'
import { formatPath, type PathSegment, type RawModel } from './types.ts'
import { fastParseCompose } from './yaml-fast.ts'

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
/** Nodes that alias expansion may add to one document (a 20-node anchor merged into 1000 services adds 20k). */
export const DEFAULT_MAX_ALIAS_COUNT = 500_000
export const DEFAULT_MAX_NODES = 2_000_000
/** Syntax errors reported per document. */
const MAX_YAML_ERRORS = 5

export interface ParseOptions {
  /** File name used in locations and messages. */
  file: string
  /** Nodes that alias expansion may add to a document, counted before building (./_alias-budget.ts). */
  maxAliasCount?: number
  /** Cap on nodes visited per document, aliases expanded (compose-go caps visits too). */
  maxNodes?: number
}

/**
 * go-yaml (docker compose's parser) reads `0440` as an octal integer, as YAML 1.1 did; the yaml
 * library's 1.2 core schema reads it as decimal 440. File modes are written this way.
 */
const GO_OCTAL: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^0[0-7]+$/,
  resolve: (s: string) => Number.parseInt(s, 8),
}

export interface ParsedDocument {
  file: string
  /** Index of the document in its file (files may hold several `---` documents). */
  index: number
  model: RawModel
  sources: SourceNode
}

export interface ParseResult {
  documents: ParsedDocument[]
  problems: LoadProblem[]
  warnings: LoadProblem[]
}

/** Bytes → text: size limit, UTF-8 (or UTF-16 with a BOM), and no binary content. */
export function decodeComposeText(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  if (bytes.byteLength > maxBytes) {
    throw problemError(problem('LOAD_FILE_TOO_LARGE', `${file} is ${bytes.byteLength} bytes, more than the limit of ${maxBytes}`, undefined,
      'compose files are small text files; check that -f names the right file'))
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined
  let text: string
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw problemError(problem('LOAD_YAML', `${file} is not a text file (invalid UTF-8)`, undefined, 'a compose file must be YAML text encoded as UTF-8'))
  }
  const nul = text.indexOf('\u0000')
  if (nul !== -1) {
    throw problemError(problem('LOAD_YAML', `${file} contains binary data (a NUL character at offset ${nul})`, undefined, 'a compose file must be YAML text'))
  }
  return text
}

function problemError(p: LoadProblem): ProblemError {
  return new ProblemError(p)
}

/**
 * Parses every document of a compose file. Never throws: problems are returned. Plain files go
 * through ./yaml-fast.ts; anything it does not take goes to the `yaml` library.
 */
export function parseCompose(text: string, options: ParseOptions): ParseResult {
  const limits = { file: options.file, maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT, maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES }
  return fastParseCompose(text, limits) ?? parseComposeWithYamlLibrary(text, options)
}

/** parseCompose with the `yaml` library only: every error and warning comes from here. */
export function parseComposeWithYamlLibrary(text: string, options: ParseOptions): ParseResult {
  const lineCounter = new LineCounter()
  const out: ParseResult = { documents: [], problems: [], warnings: [] }
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false, prettyErrors: false, customTags: (tags) => [GO_OCTAL, ...tags] })
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : []
  const locate = (offset: number): SourceLocation => ({ file: options.file, ...lineCounter.linePos(offset) })
  list.forEach((doc, index) => {
    // after a few syntax errors the rest are echoes of the first (20k unclosed `[` give 20k)
    for (const e of doc.errors.slice(0, MAX_YAML_ERRORS)) out.problems.push(problem('LOAD_YAML', `${e.message} (${e.code})`, locate(e.pos[0])))
    const more = doc.errors.length - MAX_YAML_ERRORS
    if (more > 0) out.problems.push(problem('LOAD_YAML', `and ${more} more YAML error${more === 1 ? '' : 's'} in this document`, locate(doc.errors[MAX_YAML_ERRORS]?.pos[0] ?? 0)))
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(w.message)) continue
      out.warnings.push(problem('LOAD_YAML', `${w.message} (${w.code})`, locate(w.pos[0])))
    }
    if (doc.errors.length > 0 || doc.contents === null) return
    const aliases = mapAliases(doc)
    const bomb = findAliasBomb(aliases, options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT)
    if (bomb !== undefined) {
      out.problems.push(aliasProblem(locate(bomb)))
      return
    }
    const walker = new Walker(doc, locate, options, aliases.targets)
    try {
      const root = walker.node(doc.contents, [])
      if (root.value === undefined) return
      if (!isRecord(root.value)) {
        out.problems.push(problem('LOAD_YAML', 'top-level object must be a mapping', locate(doc.contents.range?.[0] ?? 0)))
        return
      }
      out.documents.push({ file: options.file, index, model: root.value, sources: root.src ?? sourceNode(locate(0)) })
    } catch (error) {
      if (error instanceof ProblemError) out.problems.push(error.problem)
      else throw error
    }
  })
  return out
}

function aliasProblem(loc: SourceLocation): LoadProblem {
  return problem('LOAD_ALIAS_LIMIT', 'document contains excessive aliasing', loc,
    'anchors expanding into more nodes than allowed look like a "billion laughs" attack')
}

interface Built {
  /** `undefined` for a `!reset` node (dropped from the model). */
  value: unknown
  src: SourceNode | undefined
}

class Walker {
  #visits = 0
  readonly #active = new Set<Node>()
  /** Alias → anchored node, found in one pass (yaml's Alias.resolve walks the document each time). */
  readonly #targets: ReadonlyMap<Alias, Node>

  readonly doc: Document.Parsed
  readonly locate: (offset: number) => SourceLocation
  readonly options: ParseOptions

  constructor(doc: Document.Parsed, locate: (offset: number) => SourceLocation, options: ParseOptions, targets: ReadonlyMap<Alias, Node>) {
    this.doc = doc
    this.locate = locate
    this.options = options
    this.#targets = targets
  }

  #resolve(node: unknown): unknown {
    return isAlias(node) ? this.#targets.get(node) : node
  }

  node(node: unknown, path: readonly PathSegment[], at?: SourceLocation): Built {
    if (++this.#visits > (this.options.maxNodes ?? DEFAULT_MAX_NODES)) throw problemError(aliasProblem(this.#loc(node)))
    const loc = at ?? this.#loc(node)
    let target = node
    if (isAlias(node)) {
      target = this.#resolve(node)
      if (target === undefined) throw problemError(problem('LOAD_YAML', `unknown anchor ${node.source}`, loc))
    }
    const tag = (node as { tag?: string }).tag ?? (target as { tag?: string } | undefined)?.tag
    if (tag === '!reset') return { value: undefined, src: { ...sourceNode(loc), tag: 'reset' } }
    const built = this.#value(target, path, loc)
    if (tag === '!override' && built.src !== undefined) built.src.tag = 'override'
    return built
  }

  #value(node: unknown, path: readonly PathSegment[], loc: SourceLocation): Built {
    if (isMap(node) || isSeq(node)) {
      if (this.#active.has(node)) throw problemError(problem('LOAD_YAML', `anchor cycle: ${formatPath(path)} contains itself`, loc))
      this.#active.add(node)
      try {
        return isMap(node) ? this.#map(node.items as Pair[], path, loc) : this.#seq(node.items, path, loc)
      } finally {
        this.#active.delete(node)
      }
    }
    if (isScalar(node)) return { value: scalarValue(node.value), src: sourceNode(loc) }
    return { value: null, src: sourceNode(loc) }
  }

  #seq(items: readonly unknown[], path: readonly PathSegment[], loc: SourceLocation): Built {
    const value: unknown[] = []
    const children = new Map<PathSegment, SourceNode>()
    for (const item of items) {
      const built = this.node(item, [...path, value.length])
      if (built.value === undefined) continue
      if (built.src !== undefined) children.set(value.length, built.src)
      value.push(built.value)
    }
    return { value, src: sourceNode(loc, children) }
  }

  #map(pairs: readonly Pair[], path: readonly PathSegment[], loc: SourceLocation): Built {
    const value: Record<string, unknown> = {}
    const children = new Map<PathSegment, SourceNode>()
    const seen = new Map<string, number>()
    const explicit = new Set<string>()
    for (const pair of pairs) {
      if (isMergeKey(pair)) continue
      const key = this.#key(pair, path)
      const keyLoc = this.#loc(pair.key)
      const first = seen.get(key)
      if (first !== undefined) {
        throw problemError(problem('LOAD_YAML', `line ${keyLoc.line}: mapping key ${JSON.stringify(key)} already defined at line ${first}`, keyLoc))
      }
      seen.set(key, keyLoc.line)
      explicit.add(key)
    }
    for (const pair of pairs) {
      if (isMergeKey(pair)) {
        for (const [key, built] of this.#mergeSources(pair, path)) {
          if (explicit.has(key) || Object.hasOwn(value, key)) continue
          value[key] = built.value
          if (built.src !== undefined) children.set(key, built.src)
        }
        continue
      }
      const key = this.#key(pair, path)
      const built = this.node(pair.value, [...path, key], this.#loc(pair.key))
      if (built.src !== undefined) children.set(key, built.src)
      if (built.value !== undefined) value[key] = built.value
    }
    return { value, src: sourceNode(loc, children) }
  }

  /** `<<: *a` or `<<: [*a, *b]`: entries of the merged maps, earlier maps first. */
  #mergeSources(pair: Pair, path: readonly PathSegment[]): [string, Built][] {
    const source = this.#resolve(pair.value)
    const sources = isSeq(source) ? source.items : [pair.value]
    const out: [string, Built][] = []
    for (const item of sources) {
      const built = this.node(item, path)
      if (!isRecord(built.value)) {
        throw problemError(problem('LOAD_YAML', 'map merge requires map or sequence of maps as the value', this.#loc(item)))
      }
      for (const [key, value] of Object.entries(built.value)) {
        if (!out.some(([k]) => k === key)) out.push([key, { value, src: built.src?.children?.get(key) }])
      }
    }
    return out
  }

  #key(pair: Pair, path: readonly PathSegment[]): string {
    const key = this.#resolve(pair.key)
    if (isScalar(key) && typeof key.value === 'string') return key.value
    const shown = isScalar(key) ? String(key.value) : String(key)
    const where = path.length === 0 ? 'at top level' : `in ${formatPath(path)}`
    throw problemError(problem('LOAD_YAML', `non-string key ${where}: ${shown}`, this.#loc(pair.key), 'quote the key to make it a string'))
  }

  #loc(node: unknown): SourceLocation {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return this.locate(range?.[0] ?? 0)
  }
}

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === '<<' && (pair.key.type === 'PLAIN' || pair.key.type === undefined)
}

function scalarValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Uint8Array) return new TextDecoder().decode(value)
  return String(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
