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
  /** Run a nested schema on `parent[key]` and attach its issues below that item. */
  child(schema: Schema, parent: Record<string, unknown> | readonly unknown[], key: string | number): void
}

/**
 * One run of a hand-written schema. A valid value (the common case) costs this object and
 * nothing else: issues, path items and messages are made only when something is wrong.
 */
class Run implements RunContext {
  issues: Issue[] | undefined = undefined
  readonly config: Config
  readonly #type: string
  readonly #expects: string
  readonly #input: unknown

  constructor(config: Config, type: string, expects: string, input: unknown) {
    this.config = config
    this.#type = type
    this.#expects = expects
    this.#input = input
  }

  issue(message: string, extra: { path?: PathItem[]; expected?: string; input?: unknown } = {}): void {
    const input = 'input' in extra ? extra.input : this.#input
    ;(this.issues ??= []).push({
      kind: 'schema',
      type: this.#type,
      input,
      expected: extra.expected ?? this.#expects,
      received: v._stringify(input),
      message,
      requirement: undefined,
      path: extra.path,
      issues: undefined,
      lang: this.config.lang,
      abortEarly: this.config.abortEarly,
      abortPipeEarly: this.config.abortPipeEarly,
    } as Issue)
  }

  child(schema: Schema, parent: Record<string, unknown> | readonly unknown[], key: string | number): void {
    const value = Array.isArray(parent) ? parent[key as number] : (parent as Record<string, unknown>)[key]
    const result = schema['~run']({ value }, this.config)
    if (result.issues === undefined) return
    const item = pathItem(parent, key)
    for (const issue of result.issues) {
      const path: [PathItem, ...PathItem[]] = issue.path ? [item, ...issue.path] : [item]
      ;(this.issues ??= []).push({ ...issue, path })
    }
  }
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
      const ctx = new Run(config, type, expects, dataset.value)
      run(dataset.value, ctx)
      // valibot's own schemas mark and return the dataset they were given
      const out = dataset as unknown as { value: unknown; typed: boolean; issues: Issue[] | undefined }
      out.typed = ctx.issues === undefined
      out.issues = ctx.issues
      return out as Dataset
    },
  })
}

function pathItem(parent: Record<string, unknown> | readonly unknown[], key: string | number, origin: 'key' | 'value' = 'value'): PathItem {
  if (Array.isArray(parent)) return { type: 'array', origin: 'value', input: parent as unknown[], key: key as number, value: parent[key as number] }
  const input = parent as Record<string, unknown>
  return { type: 'object', origin, input, key: key as string, value: input[key as string] }
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
        ctx.child(schema, input, key)
        continue
      }
      if ((allowX && key.startsWith('x-')) || options.loose) continue
      const hint = suggest(key, known)
      ctx.issue(`unknown key \`${key}\`${hint === undefined ? '' : `, did you mean \`${hint}\`?`}`, {
        path: [pathItem(input, key, 'key')],
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
          path: [pathItem(input, key, 'key')],
          input: key,
        })
        continue
      }
      ctx.child(value, input, key)
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
    const seen = options.unique ? new Map<string, number>() : undefined
    for (let index = 0; index < input.length; index++) {
      ctx.child(itemSchema, input, index)
      if (seen !== undefined) {
        const value: unknown = input[index]
        const key = JSON.stringify(value)
        const first = seen.get(key)
        if (first !== undefined) ctx.issue(`items [${first}, ${index}] must be unique`, { path: [pathItem(input, index)], input: value })
        else seen.set(key, index)
      }
    }
  })
}
