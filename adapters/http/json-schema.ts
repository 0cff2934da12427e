/**
 * A small valibot → JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) converter for the schema
 * kinds the HTTP routes use. Unknown kinds throw, so a new schema kind cannot slip into the
 * OpenAPI document as `{}` unnoticed (a test converts every route schema).
 */
import type { GenericSchema } from 'valibot'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  enum?: readonly unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  default?: unknown
  description?: string
  title?: string
  examples?: readonly unknown[]
  [key: string]: unknown
}

/** The parts of a valibot schema or pipe item the converter reads. */
interface Node {
  kind: string
  type: string
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  key?: Node
  value?: Node
  options?: readonly (Node | string | number)[]
  literal?: unknown
  default?: unknown
  pipe?: readonly Node[]
  requirement?: unknown
  description?: string
  title?: string
  examples?: readonly unknown[]
  metadata?: { jsonSchema?: JsonSchema }
  rest?: Node
}

/** Converts a valibot schema, describing what a client sends (transforms are not described). */
export function toJsonSchema(schema: GenericSchema): JsonSchema {
  return convert(schema as unknown as Node)
}

/** Whether a schema accepts `undefined` (an optional property or query parameter). */
export function isOptionalSchema(schema: GenericSchema): boolean {
  const node = schema as unknown as Node
  return node.type === 'optional' || node.type === 'nullish' || node.type === 'exact_optional'
}

function convert(node: Node): JsonSchema {
  const base = convertBase(node)
  for (const action of node.pipe?.slice(1) ?? []) applyAction(base, action)
  return base
}

function convertBase(node: Node): JsonSchema {
  switch (node.type) {
    case 'string':
      return { type: 'string' }
    case 'number':
      return { type: 'number' }
    case 'boolean':
      return { type: 'boolean' }
    case 'unknown':
      return {}
    case 'literal':
      return { const: node.literal }
    case 'picklist':
      return { enum: (node.options ?? []) as readonly unknown[] }
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return objectSchema(node)
    case 'array':
      return { type: 'array', items: convert(required(node.item, node)) }
    case 'record':
      return { type: 'object', additionalProperties: convert(required(node.value, node)) }
    case 'union':
      return { anyOf: (node.options ?? []).map((option) => convert(option as Node)) }
    case 'optional':
    case 'exact_optional':
    case 'nullish':
    case 'nullable': {
      const inner = convert(required(node.wrapped, node))
      const withNull = node.type === 'nullable' || node.type === 'nullish' ? { anyOf: [inner, { type: 'null' }] } : inner
      return node.default === undefined || typeof node.default === 'function' ? withNull : { ...withNull, default: node.default }
    }
    default:
      throw new Error(`toJsonSchema: unsupported valibot schema "${node.type}"`)
  }
}

function objectSchema(node: Node): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const requiredKeys: string[] = []
  for (const [key, entry] of Object.entries(node.entries ?? {})) {
    properties[key] = convert(entry)
    if (!isOptionalSchema(entry as unknown as GenericSchema)) requiredKeys.push(key)
  }
  return {
    type: 'object',
    properties,
    ...(requiredKeys.length === 0 ? {} : { required: requiredKeys }),
    ...(node.type === 'strict_object' ? { additionalProperties: false } : {}),
  }
}

function applyAction(target: JsonSchema, action: Node): void {
  const n = action.requirement
  switch (action.type) {
    case 'regex':
      target.pattern = (n as RegExp).source
      return
    case 'min_length':
      if (target.type === 'array') target.minItems = n as number
      else target.minLength = n as number
      return
    case 'max_length':
      if (target.type === 'array') target.maxItems = n as number
      else target.maxLength = n as number
      return
    case 'min_value':
      target.minimum = n as number
      return
    case 'max_value':
      target.maximum = n as number
      return
    case 'integer':
      target.type = 'integer'
      return
    case 'description':
      target.description = action.description
      return
    case 'title':
      target.title = action.title
      return
    case 'examples':
      target.examples = action.examples
      return
    case 'metadata':
      // `v.metadata({ jsonSchema })` replaces what was derived so far (e.g. a query string
      // picklist that the route turns into a boolean is documented as a boolean).
      if (action.metadata?.jsonSchema !== undefined) {
        for (const key of Object.keys(target)) delete target[key]
        Object.assign(target, action.metadata.jsonSchema)
      }
      return
    case 'transform':
    case 'check':
    case 'non_empty':
      return
    default:
      throw new Error(`toJsonSchema: unsupported valibot action "${action.type}"`)
  }
}

function required(child: Node | undefined, parent: Node): Node {
  if (child === undefined) throw new Error(`toJsonSchema: malformed valibot schema "${parent.type}"`)
  return child
}
