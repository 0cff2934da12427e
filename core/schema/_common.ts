/**
 * Shared definitions of the compose schema (`$defs` of compose-spec.json that several sections
 * use): scalar unions, list_or_dict, string_or_list, command, hooks, env_file, ulimits, ...
 */
import { anyOf, byType, defineSchema, list, object, record, type Schema } from './_define.ts'
import { suggest } from './_suggest.ts'

export const string: Schema = anyOf('string')
export const boolean: Schema = anyOf('boolean')
export const number: Schema = anyOf('number')
export const nul: Schema = anyOf('null')
export const anything: Schema = defineSchema('anything', 'any', () => {})

/** JSON schema `integer`, with optional bounds. */
export function integer(bounds: { min?: number; max?: number } = {}): Schema {
  return defineSchema('integer', 'integer', (input, ctx) => {
    if (typeof input !== 'number' || !Number.isInteger(input)) {
      ctx.issue('must be a integer')
      return
    }
    if (bounds.min !== undefined && input < bounds.min) ctx.issue(`must be greater than or equal to ${bounds.min}`)
    if (bounds.max !== undefined && input > bounds.max) ctx.issue(`must be less than or equal to ${bounds.max}`)
  })
}

/** A string among `values`; a near miss gets a suggestion. */
export function oneOf(values: readonly string[]): Schema {
  return defineSchema('one_of', values.join(' | '), (input, ctx) => {
    if (typeof input !== 'string') {
      ctx.issue('must be a string')
      return
    }
    if (values.includes(input)) return
    const hint = suggest(input, values)
    ctx.issue(`must be one of ${values.join(', ')}${hint === undefined ? '' : ` (did you mean \`${hint}\`?)`}`)
  })
}

/** A string matching a JSON schema `pattern` (unanchored, as JSON schema patterns are). */
export function pattern(re: RegExp): Schema {
  return defineSchema('pattern', String(re), (input, ctx) => {
    if (typeof input !== 'string') ctx.issue('must be a string')
    else if (!re.test(input)) ctx.issue(`does not match pattern ${re.source}`)
  })
}

export const boolOrString: Schema = anyOf('boolean', 'string')
export const numOrString: Schema = anyOf('number', 'string')
export const intOrString: Schema = byType({ number: integer(), string })

export const listOfStrings: Schema = list(string, { unique: true })
export const stringOrList: Schema = byType({ string, array: listOfStrings })

/** `list_or_dict`: `KEY: value` mapping (scalar or null values) or a list of `KEY=value`. */
export const listOrDict: Schema = byType({
  object: record(anyOf('string', 'number', 'boolean', 'null'), { pattern: /.+/, strict: true }),
  array: list(string, { unique: true }),
})

export const extraHosts: Schema = byType({
  object: record(byType({ string, array: list(string) }), { pattern: /.+/, strict: true }),
  array: list(string, { unique: true }),
})

export const command: Schema = byType({ null: nul, string, array: list(string) })

export const serviceHook: Schema = object(
  { command, user: string, privileged: boolOrString, working_dir: string, environment: listOrDict },
  { required: ['command'] },
)

export const preStartHook: Schema = object({
  command,
  image: string,
  user: string,
  privileged: boolOrString,
  working_dir: string,
  environment: listOrDict,
  per_replica: boolOrString,
})

export const envFile: Schema = byType({
  string,
  array: list(
    byType({
      string,
      object: object({ path: string, format: string, required: boolOrString }, { required: ['path'], extensions: false }),
    }),
  ),
})

export const labelFile: Schema = byType({ string, array: list(string) })

export const blkioLimit: Schema = object({ path: string, rate: intOrString }, { extensions: false })
export const blkioWeight: Schema = object({ path: string, weight: intOrString }, { extensions: false })

/** Service-level `secrets` / `configs` (and `build.secrets`). */
export const fileReferences: Schema = list(
  byType({
    string,
    object: object({ source: string, target: string, uid: string, gid: string, mode: numOrString }),
  }),
)

export const ulimits: Schema = record(
  byType({
    number: integer(),
    string,
    object: object({ hard: intOrString, soft: intOrString }, { required: ['soft', 'hard'] }),
  }),
  { pattern: /^[a-z]+$/ },
)

export const driverOpts: Schema = record(anyOf('string', 'number'), { pattern: /^.+$/ })

const deviceRequestEntries = {
  capabilities: listOfStrings,
  count: byType({ string, number: integer() }),
  device_ids: listOfStrings,
  driver: string,
  options: listOrDict,
}

/** `deploy.resources.reservations.devices`. */
export const deviceRequests: Schema = list(object(deviceRequestEntries, { required: ['capabilities'] }))

/** Service `gpus`: `all` or a list of device requests. */
export const gpus: Schema = byType({ string: oneOf(['all']), array: list(object(deviceRequestEntries, { loose: true })) })

/** `external` of a resource: boolean, string (interpolation left over) or the deprecated `{name}`. */
export function external(strict: boolean): Schema {
  return byType({ boolean, string, object: object({ name: string }, { loose: !strict }) })
}
