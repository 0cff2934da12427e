/** Top-level `secrets.*`. */
import { anyOf, object, record, type Schema } from './_define.ts'
import { external, listOrDict, string } from './_common.ts'

export const secretSchema: Schema = object({
  name: string,
  environment: string,
  file: string,
  external: external(false),
  labels: listOrDict,
  driver: string,
  driver_opts: record(anyOf('string', 'number'), { pattern: /^.+$/ }),
  template_driver: string,
})

export const secretsSchema: Schema = record(secretSchema, { pattern: /^[a-zA-Z0-9._-]+$/, strict: true, what: 'secret name' })
