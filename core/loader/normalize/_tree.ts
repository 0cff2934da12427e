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
 * Walk `value`, replacing each node whose path matches a rule by the rule's result. A rule
 * decides itself whether to descend further (through `descend`).
 */
export function applyRules(value: unknown, rules: [string[], Rule][], path: string[] = []): unknown {
  for (const [pattern, rule] of rules) {
    if (matches(path, pattern)) return rule(value, path)
  }
  return descend(value, rules, path)
}

export function descend(value: unknown, rules: [string[], Rule][], path: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => applyRules(item, rules, [...path, String(i)]))
  if (isDict(value)) {
    const out: Dict = {}
    for (const [key, item] of Object.entries(value)) out[key] = applyRules(item, rules, [...path, key])
    return out
  }
  return value
}

/** A deep copy of a plain JSON-like model. */
export function clone<T>(value: T): T {
  return structuredClone(value)
}
