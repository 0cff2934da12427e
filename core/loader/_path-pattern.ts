/**
 * Path patterns for the loader's rule tables, as compose-go's tree.Path: segments joined by `.`,
 * `*` matches any one key or index, `[]` matches any list index.
 */
import type { ModelPath, PathSegment } from './types.ts'

const cache = new Map<string, readonly string[]>()

function split(pattern: string): readonly string[] {
  let parts = cache.get(pattern)
  if (parts === undefined) {
    parts = pattern.split('.')
    cache.set(pattern, parts)
  }
  return parts
}

export function matchesPattern(path: ModelPath, pattern: string): boolean {
  const parts = split(pattern)
  if (parts.length !== path.length) return false
  for (let i = 0; i < parts.length; i++) {
    const want = parts[i]
    const seg = path[i]
    if (want === '*') continue
    if (want === '[]') {
      if (typeof seg !== 'number') return false
      continue
    }
    if (want !== seg) return false
  }
  return true
}

/** The value of the first rule whose pattern matches `path`. */
export function findRule<T>(rules: readonly (readonly [string, T])[], path: ModelPath): T | undefined {
  for (const [pattern, rule] of rules) if (matchesPattern(path, pattern)) return rule
  return undefined
}

/**
 * A rule table as a trie (literal segments as `keys`, `*` as `star`, `[]` as `list`), for walks
 * that follow a model and the rules together: the walk carries the set of nodes its path has
 * reached (`stepPatterns`), so a subtree no pattern reaches asks nothing, and a node asks only
 * the rules ending there (`firstPattern`). Step results are shared and never changed.
 */
export interface PatternTrie<T> {
  /** The first rule (in table order) whose pattern ends here. */
  rule: { index: number; value: T } | undefined
  keys: Map<string, PatternTrie<T>>
  star: PatternTrie<T> | undefined
  list: PatternTrie<T> | undefined
  /** Steps from this node alone for a segment that is one of `keys`. */
  steps: Map<string, readonly PatternTrie<T>[]> | undefined
  /** Steps from this node alone for another string segment: `[star]` or none. */
  otherKey: readonly PatternTrie<T>[] | undefined
  /** Steps from this node alone for an index: `star` and `list`, those there are. */
  index: readonly PatternTrie<T>[] | undefined
}

function patternNode<T>(): PatternTrie<T> {
  return { rule: undefined, keys: new Map(), star: undefined, list: undefined, steps: undefined, otherKey: undefined, index: undefined }
}

/** The trie of `rules` (patterns as dotted strings or as their segments). */
export function patternTrie<T>(rules: readonly (readonly [string | readonly string[], T])[]): PatternTrie<T> {
  const root = patternNode<T>()
  rules.forEach(([pattern, value], index) => {
    let node = root
    for (const seg of typeof pattern === 'string' ? split(pattern) : pattern) {
      if (seg === '*') node = node.star ??= patternNode()
      else if (seg === '[]') node = node.list ??= patternNode()
      else {
        let next = node.keys.get(seg)
        if (next === undefined) node.keys.set(seg, (next = patternNode()))
        node = next
      }
    }
    node.rule ??= { index, value }
  })
  return root
}

/** The nodes reached from `active` through `seg`. */
export function stepPatterns<T>(active: readonly PatternTrie<T>[], seg: PathSegment): readonly PatternTrie<T>[] {
  if (active.length === 1) return stepOne(active[0] as PatternTrie<T>, seg)
  const out: PatternTrie<T>[] = []
  for (const node of active) out.push(...stepOne(node, seg))
  return out
}

function stepOne<T>(node: PatternTrie<T>, seg: PathSegment): readonly PatternTrie<T>[] {
  if (typeof seg === 'number') return (node.index ??= [node.star, node.list].filter((n): n is PatternTrie<T> => n !== undefined))
  const key = node.keys.get(seg)
  if (key === undefined) return (node.otherKey ??= node.star === undefined ? [] : [node.star])
  node.steps ??= new Map()
  let out = node.steps.get(seg)
  if (out === undefined) node.steps.set(seg, (out = node.star === undefined ? [key] : [key, node.star]))
  return out
}

/** The value of the first rule in table order among those ending at one of `active`. */
export function firstPattern<T>(active: readonly PatternTrie<T>[]): T | undefined {
  let best: { index: number; value: T } | undefined
  for (const node of active) if (node.rule !== undefined && (best === undefined || node.rule.index < best.index)) best = node.rule
  return best?.value
}
