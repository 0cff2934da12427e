/**
 * Lists that are lists in YAML but sets in meaning (compose-spec/compose-go:override/uncity.go):
 * after each merge, entries with the same key are collapsed, the later entry taking the place of
 * the earlier one. Ports by `host_ip:published:target/protocol`, volumes and devices by target,
 * secrets and configs by target (default `/run/secrets/<source>`, `/<source>`), ...
 */
import { problem, ProblemError } from './_problems.ts'
import { scalarText } from './merge.ts'
import { isMapping, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import { splitVolumeSpec } from './_volume-spec.ts'
import { formatPath, type ModelPath, type PathSegment } from './types.ts'
import { firstPattern, patternTrie, stepPatterns, type PatternTrie } from './_path-pattern.ts'

/** The key of one entry; throws a message string when the entry cannot be keyed. */
export type Indexer = (entry: unknown, path: ModelPath) => string

const fail = (path: ModelPath, message: string): never => {
  throw new Error(`${formatPath(path)}: ${message}`)
}

const keyValue: Indexer = (v, path) => {
  if (v !== null && typeof v === 'object') return fail(path, 'unexpected type')
  const s = scalarText(v)
  const eq = s.indexOf('=')
  return eq === -1 ? s : s.slice(0, eq)
}

const volume: Indexer = (v, path) => {
  if (isMapping(v)) return typeof v['target'] === 'string' ? v['target'] : fail(path, 'service volume is missing a mount target')
  if (typeof v === 'string') return splitVolumeSpec(v)?.target ?? v
  return ''
}

const device: Indexer = (v, path) => {
  if (isMapping(v)) return typeof v['target'] === 'string' ? v['target'] : fail(path, 'service device is missing a mount target')
  if (typeof v === 'string') {
    const parts = v.split(':')
    return parts[1] ?? parts[0] ?? ''
  }
  return ''
}

const expose: Indexer = (v, path) => (typeof v === 'string' || typeof v === 'number' ? String(v) : fail(path, `unsupported expose value ${scalarText(v)}`))

const mount =
  (prefix: string): Indexer =>
  (v, path) => {
    if (typeof v === 'string') return `${prefix}/${v}`
    if (isMapping(v)) return 'target' in v ? scalarText(v['target']) : `${prefix}/${scalarText(v['source'])}`
    return fail(path, `unsupported value ${scalarText(v)}`)
  }

const port: Indexer = (v, path) => {
  if (typeof v === 'number' || typeof v === 'string') return String(v)
  if (!isMapping(v)) return ''
  if (!('target' in v)) return fail(path, 'service ports is missing a target port')
  const host = 'host_ip' in v ? scalarText(v['host_ip']) : '0.0.0.0'
  const protocol = 'protocol' in v ? scalarText(v['protocol']) : 'tcp'
  return `${host}:${scalarText(v['published'])}:${scalarText(v['target'])}/${protocol}`
}

const envFile: Indexer = (v, path) => {
  if (typeof v === 'string') return v
  if (isMapping(v)) return 'path' in v ? scalarText(v['path']) : fail(path, 'environment path attribute is missing')
  return ''
}

export const UNIQUE_RULES: readonly (readonly [string, Indexer])[] = [
  ['networks.*.labels', keyValue],
  ['networks.*.ipam.options', keyValue],
  ['services.*.annotations', keyValue],
  ['services.*.build.args', keyValue],
  ['services.*.build.additional_contexts', keyValue],
  ['services.*.build.platform', keyValue],
  ['services.*.build.tags', keyValue],
  ['services.*.build.labels', keyValue],
  ['services.*.cap_add', keyValue],
  ['services.*.cap_drop', keyValue],
  ['services.*.configs', mount('')],
  ['services.*.deploy.labels', keyValue],
  ['services.*.dns', keyValue],
  ['services.*.dns_opt', keyValue],
  ['services.*.dns_search', keyValue],
  ['services.*.environment', keyValue],
  ['services.*.env_file', envFile],
  ['services.*.expose', expose],
  ['services.*.labels', keyValue],
  ['services.*.links', keyValue],
  ['services.*.networks.*.aliases', keyValue],
  ['services.*.networks.*.link_local_ips', keyValue],
  ['services.*.ports', port],
  ['services.*.profiles', keyValue],
  ['services.*.secrets', mount('/run/secrets')],
  ['services.*.sysctls', keyValue],
  ['services.*.tmpfs', keyValue],
  ['services.*.volumes', volume],
  ['services.*.devices', device],
]

/** The rules as a trie: a walk descends only into keys some rule can still reach. */
const TRIE = patternTrie(UNIQUE_RULES)

/** Collapses duplicate entries everywhere a rule applies. Throws ProblemError (LOAD_MERGE). */
export function enforceUnicity(l: Located, path: ModelPath = []): Located {
  let active: readonly PatternTrie<Indexer>[] = [TRIE]
  for (const seg of path) active = stepPatterns(active, seg)
  return walk(l, active, path)
}

function walk(l: Located, active: readonly PatternTrie<Indexer>[], path: ModelPath): Located {
  if (active.length === 0) return l
  if (isMapping(l.value)) {
    // copied only when something below changed: most mappings come back as they are
    let value: Record<string, unknown> | undefined
    let children: Map<PathSegment, SourceNode> | undefined
    for (const key of Object.keys(l.value)) {
      const item = l.value[key]
      if (typeof item !== 'object' || item === null) continue
      const below = stepPatterns(active, key)
      if (below.length === 0) continue
      const out = walk({ value: item, src: sourceChild(l.src, key) }, below, [...path, key])
      if (out.value !== item) {
        value ??= { ...l.value }
        children ??= new Map<PathSegment, SourceNode>(l.src?.children ?? [])
        value[key] = out.value
        if (out.src === undefined) children.delete(key)
        else children.set(key, out.src)
      }
    }
    return value === undefined ? l : { value, src: sourceNode(l.src?.loc, children) }
  }
  const indexer = firstPattern(active)
  if (!Array.isArray(l.value) || indexer === undefined) return l
  return collapse(l, l.value, indexer, path)
}

/** One list at a rule's path: later entries take the place of earlier ones with the same key. */
function collapse(l: Located, list: readonly unknown[], indexer: Indexer, path: ModelPath): Located {
  const keys: string[] = []
  const seen = new Set<string>()
  let duplicates = false
  list.forEach((entry, i) => {
    let key: string
    try {
      key = indexer(entry, [...path, i])
    } catch (error) {
      const loc = sourceChild(l.src, i)?.loc
      throw new ProblemError(problem('LOAD_MERGE', (error as Error).message, loc && { ...loc, path: formatPath([...path, i]) }))
    }
    if (seen.has(key)) duplicates = true
    seen.add(key)
    keys.push(key)
  })
  if (!duplicates) return l
  const value: unknown[] = []
  const children = new Map<PathSegment, SourceNode>()
  const at = new Map<string, number>()
  list.forEach((entry, i) => {
    const key = keys[i] as string
    const slot = at.get(key) ?? value.length
    if (!at.has(key)) at.set(key, slot)
    value[slot] = entry
    const src = sourceChild(l.src, i)
    if (src === undefined) children.delete(slot)
    else children.set(slot, src)
  })
  return { value, src: sourceNode(l.src?.loc, children) }
}
