/**
 * Building blocks for the compose schema on top of valibot.
 *
 * The compose JSON schema needs three things valibot does not have out of the box:
 * - objects that reject unknown keys but accept `x-*` extensions, reporting *every* unknown key
 *   (valibot's `strictObject` stops at the first) with a "did you mean" suggestion;
 * - `oneOf` alternatives picked by the JSON type of the value, so a nested error is reported
 *   precisely instead of "none of the alternatives matched";
 * - records whose keys must match a pattern (`^[a-zA-Z0-9._-]+$`).
 *
 * Each is a plain valibot schema (it runs inside `v.safeParse` and composes with built-in
 * schemas); issues carry valibot paths, so `validate.ts` maps them back to file:line:col.
 * Messages are written as the tail of a sentence that starts with the dotted path
 * ("must be a string"), because the path is only known once the issue has bubbled up.
 */
import * as v from 'valibot'
import { suggest } from './_suggest.ts'

export type Schema = v.GenericSchema<unknown, unknown>
type Issue = v.BaseIssue<unknown>
type Dataset = v.OutputDataset<unknown, Issue>
type Config = v.Config<Issue>
type PathItem = v.IssuePathItem

/** The JSON type of a YAML value, as the compose schema sees it. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'

export function jsonTypeOf(value: unknown): JsonType | 'other' {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'number':
    case 'bigint':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'object':
      return 'object'
    default:
      return 'other'
  }
}

const TYPE_NAMES: Record<JsonType, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
  array: 'list',
  object: 'mapping',
}

/** "a boolean or string", "a list, mapping or string" — compose-go's phrasing. */
export function describeTypes(types: readonly JsonType[]): string {
  const names = [...new Set(types.map((t) => TYPE_NAMES[t]))].sort()
  if (names.length === 1) return `a ${names[0]}`
  return `a ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
}

export interface RunContext {
  readonly config: Config
  /** Report a problem with the current value (or with one of its keys, through `path`). */
  issue(message: string, extra?: { path?: PathItem[]; expected?: string; input?: unknown }): void
  /** Run a nested schema and attach its issues below `item`. */
  child(schema: Schema, item: PathItem): void
}

/** A valibot schema whose run function is written by hand. */
export function defineSchema(
  type: string,
  expects: string,
  run: (input: unknown, ctx: RunContext) => void,
): Schema {
  return v._standardSchema<Schema>({
    kind: 'schema',
    type,
    reference: defineSchema as unknown as Schema['reference'],
    expects,
    async: false,
    '~run'(dataset: v.UnknownDataset, config: Config): Dataset {
      const input = dataset.value
      const issues: Issue[] = []
      const push = (issue: Issue): void => {
        issues.push(issue)
      }
      const ctx: RunContext = {
        config,
        issue(message, extra = {}) {
          push({
            kind: 'schema',
            type,
            input: 'input' in extra ? extra.input : input,
            expected: extra.expected ?? expects,
            received: v._stringify('input' in extra ? extra.input : input),
            message,
            requirement: undefined,
            path: extra.path,
            issues: undefined,
            lang: config.lang,
            abortEarly: config.abortEarly,
            abortPipeEarly: config.abortPipeEarly,
          } as Issue)
        },
        child(schema, item) {
          const result = schema['~run']({ value: item.value }, config)
          for (const issue of result.issues ?? []) {
            const path: [PathItem, ...PathItem[]] = issue.path ? [item, ...issue.path] : [item]
            push({ ...issue, path })
          }
        },
      }
      run(input, ctx)
      const out = { value: input, typed: issues.length === 0, issues: issues.length === 0 ? undefined : issues }
      return out as Dataset
    },
  })
}

function objectItem(input: Record<string, unknown>, key: string, origin: 'key' | 'value' = 'value'): PathItem {
  return { type: 'object', origin, input, key, value: input[key] }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export interface ObjectOptions {
  /** Keys that must be present. */
  required?: readonly string[]
  /** Accept `x-*` keys (default true, as almost everywhere in the spec). */
  extensions?: boolean
  /** Accept a null value (the resource shorthand `some-network:`). */
  nullable?: boolean
  /** Accept any other key too (JSON schema objects without `additionalProperties: false`). */
  loose?: boolean
}

/**
 * A mapping with known keys; unknown keys are reported one by one with a suggestion, `x-*`
 * keys are accepted unless `extensions: false`.
 */
export function object(entries: Record<string, Schema>, options: ObjectOptions = {}): Schema {
  const allowX = options.extensions ?? true
  const known = Object.keys(entries)
  return defineSchema('compose_object', 'mapping', (input, ctx) => {
    if (input === null && options.nullable) return
    if (!isRecord(input)) {
      ctx.issue(`must be a mapping`)
      return
    }
    for (const key of options.required ?? []) {
      if (!(key in input)) ctx.issue(`missing property '${key}'`, { expected: key })
    }
    for (const key of Object.keys(input)) {
      const schema = entries[key]
      if (schema !== undefined) {
        ctx.child(schema, objectItem(input, key))
        continue
      }
      if ((allowX && key.startsWith('x-')) || options.loose) continue
      const hint = suggest(key, known)
      ctx.issue(`unknown key \`${key}\`${hint === undefined ? '' : `, did you mean \`${hint}\`?`}`, {
        path: [objectItem(input, key, 'key')],
        expected: 'never',
        input: key,
      })
    }
  })
}

/** `oneOf` decided by the JSON type of the value. */
export function byType(alternatives: Partial<Record<JsonType, Schema>>): Schema {
  const types = Object.keys(alternatives) as JsonType[]
  const expected = describeTypes(types)
  return defineSchema('by_type', expected, (input, ctx) => {
    const t = jsonTypeOf(input)
    const schema = t === 'other' ? undefined : alternatives[t]
    if (schema === undefined) {
      ctx.issue(`must be ${expected}`)
      return
    }
    const result = schema['~run']({ value: input }, ctx.config)
    for (const issue of result.issues ?? []) {
      ctx.issue(issue.message, { path: issue.path, expected: issue.expected ?? undefined, input: issue.input })
    }
  })
}

/** Any value of the given JSON types. */
export function anyOf(...types: JsonType[]): Schema {
  const expected = describeTypes(types)
  return defineSchema('any_of', expected, (input, ctx) => {
    const t = jsonTypeOf(input)
    if (t === 'other' || !types.includes(t)) ctx.issue(`must be ${expected}`)
  })
}

/** A mapping whose keys match `pattern` (when given) and whose values all follow `value`. */
export function record(value: Schema, options: { pattern?: RegExp; strict?: boolean; what?: string } = {}): Schema {
  return defineSchema('compose_record', 'mapping', (input, ctx) => {
    if (!isRecord(input)) {
      ctx.issue(`must be a mapping`)
      return
    }
    for (const key of Object.keys(input)) {
      if (options.pattern !== undefined && !options.pattern.test(key)) {
        // JSON schema `patternProperties` without `additionalProperties: false` accepts the key as is
        if (options.strict !== true) continue
        ctx.issue(`${options.what ?? 'key'} \`${key}\` must match ${String(options.pattern)}`, {
          path: [objectItem(input, key, 'key')],
          input: key,
        })
        continue
      }
      ctx.child(value, objectItem(input, key))
    }
  })
}

/** A list; `unique` reports repeated items as JSON schema's `uniqueItems` does. */
export function list(itemSchema: Schema, options: { unique?: boolean } = {}): Schema {
  return defineSchema('compose_list', 'list', (input, ctx) => {
    if (!Array.isArray(input)) {
      ctx.issue(`must be a list`)
      return
    }
    const seen = new Map<string, number>()
    input.forEach((value: unknown, index) => {
      const item: PathItem = { type: 'array', origin: 'value', input, key: index, value }
      ctx.child(itemSchema, item)
      if (options.unique) {
        const key = JSON.stringify(value)
        const first = seen.get(key)
        if (first !== undefined) ctx.issue(`items [${first}, ${index}] must be unique`, { path: [item], input: value })
        else seen.set(key, index)
      }
    })
  })
}
