/**
 * Per-path rules kept as data (compose-go's `tree.Path` tables): a pattern such as
 * `services.*.ports` matches a model path segment by segment, `*` matching any key or index.
 */
import { firstPattern, patternTrie, stepPatterns, type PatternTrie } from '../_path-pattern.ts'

export type Dict = Record<string, unknown>
export type Rule = (value: unknown, path: readonly string[]) => unknown

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function matches(path: readonly string[], pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false
  return pattern.every((seg, i) => seg === '*' || seg === path[i])
}

export function compileRules(table: Record<string, Rule>): [string[], Rule][] {
  return Object.entries(table).map(([pattern, rule]) => [pattern.split('.'), rule])
}

type Trie = PatternTrie<Rule>

const tries = new WeakMap<readonly [string[], Rule][], Trie>()

/** The rules as a trie, built once per table: a walk copies the subtrees no rule reaches without asking every rule at every node. */
function trieOf(rules: readonly [string[], Rule][]): Trie {
  let root = tries.get(rules)
  if (root === undefined) tries.set(rules, (root = patternTrie(rules)))
  return root
}

function activeAt(rules: readonly [string[], Rule][], path: readonly string[]): readonly Trie[] {
  let active: readonly Trie[] = [trieOf(rules)]
  for (const seg of path) active = stepPatterns(active, seg)
  return active
}

/** A structural copy, as `descend` makes when no rule applies below. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain)
  if (isDict(value)) {
    const out: Dict = {}
    for (const key of Object.keys(value)) out[key] = copyPlain(value[key])
    return out
  }
  return value
}

const sharing = new WeakSet<readonly [string[], Rule][]>()

/**
 * Marks a rule table whose walks return the subtrees no rule can reach as they are, instead of
 * copying them: for stages that run on a tree an earlier stage made (not on the caller's model).
 */
export function shareUntouched(rules: [string[], Rule][]): [string[], Rule][] {
  sharing.add(rules)
  return rules
}

/**
 * Walk `value`, replacing each node whose path matches a rule by the rule's result (the first
 * rule in table order). A rule decides itself whether to descend further (through `descend`).
 * The `path` a rule gets is the walk's own stack, valid during the call: copy it to keep it.
 */
export function applyRules(value: unknown, rules: [string[], Rule][], path: string[] = []): unknown {
  return applyActive(value, activeAt(rules, path), path, sharing.has(rules), rules)
}

export function descend(value: unknown, rules: [string[], Rule][], path: string[]): unknown {
  // a rule descending from where the walk called it: the walk knows the active tries already
  const active = calling !== undefined && calling.rules === rules && samePath(calling.path, path) ? calling.active : activeAt(rules, path)
  return descendActive(value, active, path, sharing.has(rules), rules)
}

/** The rule being called, and where: lets `descend` from that rule skip the walk from the root. */
let calling: { rules: readonly [string[], Rule][]; path: readonly string[]; active: readonly Trie[] } | undefined

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function applyActive(value: unknown, active: readonly Trie[], path: string[], share: boolean, rules: readonly [string[], Rule][]): unknown {
  const rule = firstPattern(active)
  if (rule === undefined) return descendActive(value, active, path, share, rules)
  const outer = calling
  calling = { rules, path, active }
  try {
    return rule(value, path)
  } finally {
    calling = outer
  }
}

function descendActive(value: unknown, active: readonly Trie[], path: string[], share: boolean, rules: readonly [string[], Rule][]): unknown {
  if (active.length === 0) return share ? value : copyPlain(value)
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (let i = 0; i < value.length; i++) {
      const seg = String(i)
      path.push(seg)
      out.push(applyActive(value[i], stepPatterns(active, seg), path, share, rules))
      path.pop()
    }
    return out
  }
  if (isDict(value)) {
    const out: Dict = {}
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue
      path.push(key)
      out[key] = applyActive(value[key], stepPatterns(active, key), path, share, rules)
      path.pop()
    }
    return out
  }
  return value
}
