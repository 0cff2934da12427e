/**
 * Lists that are lists in YAML but sets in meaning (compose-spec/compose-go:override/uncity.go):
 * after each merge, entries with the same key are collapsed, the later entry taking the place of
 * the earlier one. Ports by `host_ip:published:target/protocol`, volumes and devices by target,
 * secrets and configs by target (default `/run/secrets/<source>`, `/<source>`), ...
 */
import { problem, ProblemError } from './_problems.ts'
import { findRule } from './_path-pattern.ts'
import { scalarText } from './merge.ts'
import { isMapping, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import { splitVolumeSpec } from './_volume-spec.ts'
import { formatPath, type ModelPath, type PathSegment } from './types.ts'

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

/** No rule is deeper than this: below it there is nothing to collapse. */
const MAX_DEPTH = Math.max(...UNIQUE_RULES.map(([pattern]) => pattern.split('.').length))

/** Collapses duplicate entries everywhere a rule applies. Throws ProblemError (LOAD_MERGE). */
export function enforceUnicity(l: Located, path: ModelPath = []): Located {
  if (isMapping(l.value)) {
    if (path.length >= MAX_DEPTH) return l
    // copied only when something below changed: most mappings come back as they are
    let value: Record<string, unknown> | undefined
    let children: Map<PathSegment, SourceNode> | undefined
    for (const [key, item] of Object.entries(l.value)) {
      const out = enforceUnicity({ value: item, src: sourceChild(l.src, key) }, [...path, key])
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
  if (!Array.isArray(l.value)) return l
  const indexer = findRule(UNIQUE_RULES, path)
  if (indexer === undefined) return l
  const value: unknown[] = []
  const children = new Map<PathSegment, SourceNode>()
  const seen = new Map<string, number>()
  l.value.forEach((entry, i) => {
    let key: string
    try {
      key = indexer(entry, [...path, i])
    } catch (error) {
      const loc = sourceChild(l.src, i)?.loc
      throw new ProblemError(problem('LOAD_MERGE', (error as Error).message, loc && { ...loc, path: formatPath([...path, i]) }))
    }
    const src = sourceChild(l.src, i)
    const at = seen.get(key) ?? value.length
    if (!seen.has(key)) seen.set(key, at)
    value[at] = entry
    if (src === undefined) children.delete(at)
    else children.set(at, src)
  })
  return value.length === l.value.length ? l : { value, src: sourceNode(l.src?.loc, children) }
}
