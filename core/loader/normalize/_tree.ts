/**
 * Per-path rules kept as data (compose-go's `tree.Path` tables): a pattern such as
 * `services.*.ports` matches a model path segment by segment, `*` matching any key or index.
 */
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

/**
 * The rules as a trie (literal segments as children, `*` as `star`), built once per table: a
 * walk then follows only the branches some pattern can still match, and copies the other
 * subtrees without testing every rule at every node.
 */
interface Trie {
  /** Rules whose pattern ends here, in table order. */
  rules: { index: number; rule: Rule }[]
  children: Map<string, Trie>
  star: Trie | undefined
}

const tries = new WeakMap<readonly [string[], Rule][], Trie>()

function trieOf(rules: readonly [string[], Rule][]): Trie {
  let root = tries.get(rules)
  if (root !== undefined) return root
  const fresh = (): Trie => ({ rules: [], children: new Map(), star: undefined })
  root = fresh()
  rules.forEach(([pattern, rule], index) => {
    let node = root as Trie
    for (const seg of pattern) {
      if (seg === '*') node = node.star ??= fresh()
      else {
        let next = node.children.get(seg)
        if (next === undefined) node.children.set(seg, (next = fresh()))
        node = next
      }
    }
    node.rules.push({ index, rule })
  })
  tries.set(rules, root)
  return root
}

function step(active: readonly Trie[], seg: string): Trie[] {
  const out: Trie[] = []
  for (const t of active) {
    const child = t.children.get(seg)
    if (child !== undefined) out.push(child)
    if (t.star !== undefined) out.push(t.star)
  }
  return out
}

function activeAt(rules: readonly [string[], Rule][], path: readonly string[]): Trie[] {
  let active = [trieOf(rules)]
  for (const seg of path) active = step(active, seg)
  return active
}

/** The first rule in table order among those whose pattern ends at one of `active`. */
function firstRule(active: readonly Trie[]): Rule | undefined {
  let best: { index: number; rule: Rule } | undefined
  for (const t of active) {
    const first = t.rules[0]
    if (first !== undefined && (best === undefined || first.index < best.index)) best = first
  }
  return best?.rule
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
 */
export function applyRules(value: unknown, rules: [string[], Rule][], path: string[] = []): unknown {
  return applyActive(value, activeAt(rules, path), path, sharing.has(rules))
}

export function descend(value: unknown, rules: [string[], Rule][], path: string[]): unknown {
  return descendActive(value, activeAt(rules, path), path, sharing.has(rules))
}

function applyActive(value: unknown, active: readonly Trie[], path: string[], share: boolean): unknown {
  const rule = firstRule(active)
  return rule === undefined ? descendActive(value, active, path, share) : rule(value, path)
}

function descendActive(value: unknown, active: readonly Trie[], path: string[], share: boolean): unknown {
  if (active.length === 0) return share ? value : copyPlain(value)
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      const seg = String(i)
      return applyActive(item, step(active, seg), [...path, seg], share)
    })
  }
  if (isDict(value)) {
    const out: Dict = {}
    for (const key of Object.keys(value)) out[key] = applyActive(value[key], step(active, key), [...path, key], share)
    return out
  }
  return value
}
