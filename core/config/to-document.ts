/**
 * The project as the plain document `docker compose config` writes: compose-go field order,
 * Go's `omitempty` rules, maps sorted by key, custom marshalers applied. YAML and JSON differ
 * slightly (JSON drops `x-*` below the top level, keeps empty struct values, always writes
 * `command`/`entrypoint`), so the format is a parameter.
 */
import type { Project } from '../model/project.ts'
import { FILE_OBJECT_SHAPE, MODEL_SHAPE, NETWORK_SHAPE, SERVICE_SHAPE, VOLUME_SHAPE, type Field, type Shape } from './_shapes.ts'

export type Format = 'yaml' | 'json'
const OMIT = Symbol('omit')
type Out = unknown

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function isEmpty(value: Out): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value as object).length === 0
  return false
}

function renderShape(value: unknown, shape: Shape, json: boolean): Out {
  switch (shape.k) {
    case 'scalar':
      return value
    case 'bytes':
      return typeof value === 'number' ? String(Math.trunc(value)) : value
    case 'mode':
      return typeof value === 'number' ? `0${value.toString(8)}` : value
    case 'custom':
      return shape.render(value, json)
    case 'list':
      return Array.isArray(value) ? value.map((item) => renderShape(item, shape.of, json)) : value
    case 'map': {
      if (value === null || typeof value !== 'object') return value
      const out: Record<string, Out> = {}
      for (const key of Object.keys(value).sort(compareKeys)) {
        const item = (value as Record<string, unknown>)[key]
        out[key] = item === null || item === undefined ? null : renderShape(item, shape.of, json)
      }
      return out
    }
    case 'struct':
      return renderStruct(value, shape.fields, shape.ext ?? true, json)
  }
}

function renderField(value: unknown, field: Field, json: boolean): Out | typeof OMIT {
  const keep = field.keep
  if (value === undefined || value === null) {
    if (json && (keep === 'always' || keep === 'json-always')) return null
    if (json && keep === 'value') return renderShape({}, field.shape, json)
    return OMIT
  }
  if (keep === 'opt-out') return value === true ? OMIT : value
  const out = renderShape(value, field.shape, json)
  if (keep === 'ptr' || keep === 'always' || keep === 'json-always') return out
  if (keep === 'value') return json || !isEmpty(out) ? out : OMIT
  return isEmpty(out) ? OMIT : out
}

function renderStruct(value: unknown, fields: readonly Field[], ext: boolean, json: boolean): Out {
  if (value === null || typeof value !== 'object') return value
  const source = value as Record<string, unknown>
  const out: Record<string, Out> = {}
  if (json) {
    // JSON keeps some absent fields (`null`, `{}`): every field is asked
    for (const field of fields) {
      if (field.noJson) continue
      const rendered = renderField(source[field.key], field, json)
      if (rendered !== OMIT) out[field.key] = rendered
    }
    return out
  }
  // YAML omits every absent field: only the keys the value has are rendered, in field order
  // (a service has a dozen of the hundred-odd service fields)
  const order = fieldOrder(fields)
  const present: number[] = []
  let extensions: string[] | undefined
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue
    const index = order.get(key)
    if (index !== undefined) present.push(index)
    else if (ext && key.startsWith('x-')) (extensions ??= []).push(key)
  }
  present.sort((a, b) => a - b)
  for (const index of present) {
    const field = fields[index] as Field
    const rendered = renderField(source[field.key], field, json)
    if (rendered !== OMIT) out[field.key] = rendered
  }
  if (extensions !== undefined) for (const key of extensions.sort(compareKeys)) out[key] = source[key]
  return out
}

const fieldOrders = new WeakMap<readonly Field[], Map<string, number>>()

/** Each field's place in its struct, by key (the first field of a key wins, as in the loop above). */
function fieldOrder(fields: readonly Field[]): Map<string, number> {
  let order = fieldOrders.get(fields)
  if (order === undefined) {
    order = new Map()
    fields.forEach((field, index) => {
      if (!order?.has(field.key)) order?.set(field.key, index)
    })
    fieldOrders.set(fields, order)
  }
  return order
}

function renderRecord(record: Record<string, unknown> | undefined, shape: Shape, json: boolean): Record<string, Out> | undefined {
  if (record === undefined || Object.keys(record).length === 0) return undefined
  const out: Record<string, Out> = {}
  for (const key of Object.keys(record).sort(compareKeys)) out[key] = renderShape(record[key] ?? {}, shape, json)
  return out
}

/** Secrets never show inline `content`; configs hide it when it came from `environment`. */
function hideContent<T extends { content?: string; environment?: string }>(
  record: Record<string, T> | undefined,
  hide: (item: T) => boolean,
): Record<string, T> | undefined {
  if (record === undefined) return undefined
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => {
      if (!hide(v)) return [k, v]
      const { content: _content, ...rest } = v
      return [k, rest as T]
    }),
  )
}

/** The document for `config` (YAML: compose-go struct order; JSON: top-level keys sorted). */
export function toDocument(project: Project, format: Format): Record<string, Out> {
  const json = format === 'json'
  const sections: [string, Out][] = [
    ['name', project.name],
    ['services', renderRecord(project.services, SERVICE_SHAPE, json) ?? {}],
    ['networks', renderRecord(project.networks, NETWORK_SHAPE, json)],
    ['volumes', renderRecord(project.volumes, VOLUME_SHAPE, json)],
    ['secrets', renderRecord(hideContent(project.secrets, () => true), FILE_OBJECT_SHAPE, json)],
    ['configs', renderRecord(hideContent(project.configs, (c) => c.environment !== undefined), FILE_OBJECT_SHAPE, json)],
    ['models', json ? undefined : renderRecord(project.models, MODEL_SHAPE, json)],
  ]
  const extensions = Object.keys(project)
    .filter((k) => k.startsWith('x-'))
    .sort(compareKeys)
    .map((k): [string, Out] => [k, project[k as `x-${string}`]])
  const entries = [...sections, ...extensions].filter(([key, value]) => value !== undefined && !(key === 'name' && value === ''))
  if (json) entries.sort(([a], [b]) => compareKeys(a, b))
  return Object.fromEntries(entries)
}

/** One value rendered with a shape (used for the service config hash). */
export function renderValue(value: unknown, shape: Shape, format: Format): unknown {
  return renderShape(value, shape, format === 'json')
}
