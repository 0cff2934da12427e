/**
 * Path patterns for the loader's rule tables, as compose-go's tree.Path: segments joined by `.`,
 * `*` matches any one key or index, `[]` matches any list index.
 */
import type { ModelPath } from './types.ts'

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
