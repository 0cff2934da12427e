/**
 * Alias bombs ("billion laughs") found before anything is built: one pass maps each alias to its
 * anchor, a second computes how many nodes each anchored node expands to (memoized, so O(nodes)
 * even for a 9^9 bomb). The yaml library's own `toJS({maxAliasCount})` check resolves each alias
 * by walking the whole document again (quadratic on files with many `<<: *common` merges) and
 * converts the document once more just to count.
 */
import { isAlias, isCollection, isNode, isPair, isScalar, type Alias, type Document, type Node } from 'yaml'

export interface AliasMap {
  /** Alias → the anchored node it refers to (the last anchor of that name before it). */
  targets: Map<Alias, Node>
}

export function mapAliases(doc: Document.Parsed): AliasMap {
  const anchors = new Map<string, Node>()
  const targets = new Map<Alias, Node>()
  // pre-order like yaml's `visit`, without its per-node path bookkeeping (a third of the cost)
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key)
      walk(node.value)
      return
    }
    if (!isNode(node)) return
    if (isAlias(node)) {
      const target = anchors.get(node.source)
      if (target !== undefined) targets.set(node, target)
      return
    }
    if (node.anchor !== undefined) anchors.set(node.anchor, node)
    if (isCollection(node)) for (const item of node.items) walk(item)
  }
  walk(doc.contents)
  return { targets }
}

/**
 * The offset of the alias to blame when alias expansion would add more than `maxAdded` nodes to
 * the document, else `undefined`. Each alias adds its anchor's expanded size minus one, so only
 * the anchored subtrees are measured (memoized). The alias blamed is the one whose anchor
 * expands the most (the last such one). An alias inside its own anchor counts once (the walker
 * reports the cycle).
 */
export function findAliasBomb(map: AliasMap, maxAdded: number): number | undefined {
  const sizes = new Map<Node, number>()
  const active = new Set<Node>()
  const expanded = (node: unknown): number => {
    if (isAlias(node)) {
      const target = map.targets.get(node)
      return target === undefined || active.has(target) ? 1 : measure(target)
    }
    if (isPair(node)) return expanded(node.key) + expanded(node.value)
    if (isCollection(node)) return measure(node)
    return isScalar(node) ? 1 : 0
  }
  const measure = (node: Node): number => {
    if (!isCollection(node)) return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    active.add(node)
    let n = 1
    // saturate instead of growing without bound: the budget is far below
    for (const item of node.items) n = Math.min(n + expanded(item), Number.MAX_SAFE_INTEGER)
    active.delete(node)
    sizes.set(node, n)
    return n
  }
  let added = 0
  let worst: { alias: Alias; size: number } | undefined
  for (const [alias, target] of map.targets) {
    const n = measure(target)
    added += n - 1
    if (worst === undefined || n >= worst.size) worst = { alias, size: n }
  }
  if (added <= maxAdded) return undefined
  return worst?.alias.range?.[0] ?? 0
}
