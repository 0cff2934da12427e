/**
 * Merging a later compose model over an earlier one (compose-spec/compose-go:override/merge.go,
 * spec 13-merge.md): mappings merge deeply, scalars are replaced, sequences append, and the
 * attributes listed in MERGE_RULES follow their own rule. `!reset` removes the earlier value,
 * `!override` replaces it without merging. Values move together with their source trees, so
 * every merged node still points at the file it came from. Uniqueness rules: unicity.ts.
 */
import { problem, ProblemError } from './_problems.ts'
import { findRule } from './_path-pattern.ts'
import { isMapping, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import { formatPath, type ModelPath, type PathSegment } from './types.ts'

export type MergeRule = (base: Located, over: Located, path: ModelPath) => Located

const replace: MergeRule = (_base, over) => over

/** Per-path rules, as compose-go's mergeSpecials. `*` matches one key. */
export const MERGE_RULES: readonly (readonly [string, MergeRule])[] = [
  ['networks.*.ipam.config', mergeIpamConfig],
  ['networks.*.labels', mergeToSequence],
  ['volumes.*.labels', mergeToSequence],
  ['services.*.annotations', mergeToSequence],
  ['services.*.build', mergeBuild],
  ['services.*.build.args', mergeToSequence],
  ['services.*.build.additional_contexts', mergeToSequence],
  ['services.*.build.extra_hosts', mergeExtraHosts],
  ['services.*.build.labels', mergeToSequence],
  ['services.*.command', replace],
  ['services.*.depends_on', mergeDependsOn],
  ['services.*.deploy.labels', mergeToSequence],
  ['services.*.dns', mergeToSequence],
  ['services.*.dns_opt', mergeToSequence],
  ['services.*.dns_search', mergeToSequence],
  ['services.*.entrypoint', replace],
  ['services.*.env_file', mergeToSequence],
  ['services.*.label_file', mergeToSequence],
  ['services.*.environment', mergeToSequence],
  ['services.*.extra_hosts', mergeExtraHosts],
  ['services.*.healthcheck.test', replace],
  ['services.*.labels', mergeToSequence],
  ['services.*.volumes.*.volume.labels', mergeToSequence],
  ['services.*.logging', mergeLogging],
  ['services.*.models', mergeToMapping],
  ['services.*.networks', mergeToMapping],
  ['services.*.sysctls', mergeToSequence],
  ['services.*.tmpfs', mergeToSequence],
  ['services.*.ulimits.*', replace],
]

/** Merges `over` onto `base` at `path`. Throws ProblemError (LOAD_MERGE) on a type clash. */
export function mergeLocated(base: Located, over: Located, path: ModelPath = []): Located {
  if (over.value === null || over.value === undefined) return base
  if (base.value === null || base.value === undefined) return over
  const rule = findRule(MERGE_RULES, path)
  if (rule !== undefined) return rule(base, over, path)
  if (isMapping(base.value)) {
    if (!isMapping(over.value)) throw cannotOverride(over, path)
    return mergeMappings(base as Located<Record<string, unknown>>, over as Located<Record<string, unknown>>, path)
  }
  if (Array.isArray(base.value)) {
    if (!Array.isArray(over.value)) throw cannotOverride(over, path)
    return append(base as Located<unknown[]>, over as Located<unknown[]>)
  }
  return over
}

function cannotOverride(over: Located, path: ModelPath): ProblemError {
  const loc = over.src?.loc
  return new ProblemError(problem('LOAD_MERGE', `cannot override ${formatPath(path)}`, loc && { ...loc, path: formatPath(path) },
    'a mapping can only be merged with a mapping and a list with a list; use !override to replace it'))
}

/** Deep merge of two mappings; honours `!reset` and `!override` written in `over`. */
export function mergeMappings(base: Located<Record<string, unknown>>, over: Located<Record<string, unknown>>, path: ModelPath): Located<Record<string, unknown>> {
  const value: Record<string, unknown> = { ...base.value }
  const children = new Map<PathSegment, SourceNode>(base.src?.children ?? [])
  for (const [seg, child] of over.src?.children ?? []) {
    if (child.tag === 'reset' && typeof seg === 'string' && !Object.hasOwn(over.value, seg)) {
      delete value[seg]
      children.delete(seg)
    }
  }
  for (const [key, item] of Object.entries(over.value)) {
    const src = sourceChild(over.src, key)
    if (src?.tag === 'override' || !Object.hasOwn(value, key)) {
      value[key] = item
      setChild(children, key, src)
      continue
    }
    const merged = mergeLocated({ value: value[key], src: children.get(key) }, { value: item, src }, [...path, key])
    value[key] = merged.value
    setChild(children, key, merged.src)
  }
  return { value, src: sourceNode(base.src?.loc ?? over.src?.loc, children) }
}

function setChild(children: Map<PathSegment, SourceNode>, key: PathSegment, src: SourceNode | undefined): void {
  if (src === undefined) children.delete(key)
  else children.set(key, src)
}

function append(base: Located<unknown[]>, over: Located<unknown[]>): Located<unknown[]> {
  const children = new Map<PathSegment, SourceNode>(base.src?.children ?? [])
  over.value.forEach((_, i) => setChild(children, base.value.length + i, sourceChild(over.src, i)))
  return { value: [...base.value, ...over.value], src: sourceNode(base.src?.loc ?? over.src?.loc, children) }
}

/** A mapping as sorted `key=value` strings (a list stays a list, a string becomes one item). */
export function toSequence(l: Located): Located<unknown[]> {
  if (Array.isArray(l.value)) return l as Located<unknown[]>
  if (typeof l.value === 'string') return { value: [l.value], src: sourceNode(l.src?.loc, l.src ? new Map([[0, l.src]]) : undefined) }
  if (!isMapping(l.value)) return { value: [], src: l.src }
  const items: [string, SourceNode | undefined][] = []
  for (const [key, item] of Object.entries(l.value)) {
    const src = sourceChild(l.src, key)
    if (item === null || item === undefined) items.push([key, src])
    else if (Array.isArray(item)) for (const x of item) items.push([`${key}=${scalarText(x)}`, src])
    else items.push([`${key}=${scalarText(item)}`, src])
  }
  items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const children = new Map<PathSegment, SourceNode>()
  items.forEach(([, src], i) => src && children.set(i, src))
  return { value: items.map(([s]) => s), src: sourceNode(l.src?.loc, children) }
}

/** A list of names as a mapping `{name: defaults}` (a mapping stays a mapping). */
export function toMapping(l: Located, defaults: Record<string, unknown> | null): Located<Record<string, unknown>> {
  if (isMapping(l.value)) return l as Located<Record<string, unknown>>
  const value: Record<string, unknown> = {}
  const children = new Map<PathSegment, SourceNode>()
  if (Array.isArray(l.value)) {
    l.value.forEach((name, i) => {
      const key = scalarText(name)
      value[key] = defaults === null ? null : { ...defaults }
      const src = sourceChild(l.src, i)
      if (src) children.set(key, src)
    })
  }
  return { value, src: sourceNode(l.src?.loc, children) }
}

function mergeToSequence(base: Located, over: Located): Located {
  return append(toSequence(base), toSequence(over))
}

function mergeToMapping(base: Located, over: Located, path: ModelPath): Located {
  return mergeMappings(toMapping(base, null), toMapping(over, null), path)
}

function mergeDependsOn(base: Located, over: Located, path: ModelPath): Located {
  const defaults = { condition: 'service_started', required: true }
  return mergeMappings(toMapping(base, defaults), toMapping(over, defaults), path)
}

function mergeExtraHosts(base: Located, over: Located): Located {
  const b = toSequence(base)
  const o = toSequence(over)
  const kept: number[] = []
  o.value.forEach((v, i) => !b.value.includes(v) && kept.push(i))
  const children = new Map<PathSegment, SourceNode>(b.src?.children ?? [])
  kept.forEach((from, i) => setChild(children, b.value.length + i, sourceChild(o.src, from)))
  return { value: [...b.value, ...kept.map((i) => o.value[i])], src: sourceNode(b.src?.loc, children) }
}

function mergeBuild(base: Located, over: Located, path: ModelPath): Located {
  const toBuild = (l: Located): Located<Record<string, unknown>> =>
    typeof l.value === 'string' ? { value: { context: l.value }, src: sourceNode(l.src?.loc, l.src ? new Map([['context', l.src]]) : undefined) } : toMapping(l, null)
  return mergeMappings(toBuild(base), toBuild(over), path)
}

function mergeLogging(base: Located, over: Located, path: ModelPath): Located {
  if (!isMapping(base.value) || !isMapping(over.value)) return over
  const same = !('driver' in over.value) || !('driver' in base.value) || over.value['driver'] === base.value['driver']
  return same ? mergeMappings(base as Located<Record<string, unknown>>, over as Located<Record<string, unknown>>, path) : over
}

/** IPAM pools merged by `subnet` (earlier pools kept, a later pool with the same subnet merged in). */
function mergeIpamConfig(base: Located, over: Located, path: ModelPath): Located {
  if (!Array.isArray(base.value) || !Array.isArray(over.value)) throw cannotOverride(over, path)
  let result: Located<unknown[]> = base as Located<unknown[]>
  over.value.forEach((item, i) => {
    const o: Located = { value: item, src: sourceChild(over.src, i) }
    const at = isMapping(item) ? result.value.findIndex((b) => isMapping(b) && b['subnet'] === item['subnet']) : -1
    if (at === -1) {
      result = append(result, { value: [item], src: sourceNode(undefined, o.src ? new Map([[0, o.src]]) : undefined) })
      return
    }
    const merged = mergeLocated({ value: result.value[at], src: sourceChild(result.src, at) }, o, [...path, at])
    const value = [...result.value]
    value[at] = merged.value
    const children = new Map<PathSegment, SourceNode>(result.src?.children ?? [])
    setChild(children, at, merged.src)
    result = { value, src: sourceNode(result.src?.loc, children) }
  })
  return result
}

/** Go's `%v` for the scalars of a compose file. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
