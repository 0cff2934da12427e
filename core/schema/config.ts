/** Top-level `configs.*`. */
import { external, listOrDict, string } from './_common.ts'
import { object, record, type Schema } from './_define.ts'

export const configSchema: Schema = object({
  name: string,
  content: string,
  environment: string,
  file: string,
  external: external(false),
  labels: listOrDict,
  template_driver: string,
})

export const configsSchema: Schema = record(configSchema, { pattern: /^[a-zA-Z0-9._-]+$/, strict: true, what: 'config name' })
