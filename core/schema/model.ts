/** Top-level `models.*` (Docker Model Runner). */
import { integer, string } from './_common.ts'
import { list, object, record, type Schema } from './_define.ts'

export const modelSchema: Schema = object(
  { name: string, model: string, context_size: integer(), runtime_flags: list(string) },
  { required: ['model'] },
)

export const modelsSchema: Schema = record(modelSchema, { pattern: /^[a-zA-Z0-9._-]+$/ })
