/**
 * The whole compose file. Validation runs on one file's model after interpolation (and on the
 * merged model): unknown keys are rejected everywhere except `x-*` extensions.
 */
import { string } from './_common.ts'
import { object, record, type Schema } from './_define.ts'
import { configsSchema } from './config.ts'
import { includeSchema } from './include.ts'
import { modelsSchema } from './model.ts'
import { networksSchema } from './network.ts'
import { secretsSchema } from './secret.ts'
import { SERVICE_NAME, serviceSchema } from './service.ts'
import { volumesSchema } from './volume.ts'

export const composeFileSchema: Schema = object({
  version: string,
  name: string,
  include: includeSchema,
  services: record(serviceSchema, { pattern: SERVICE_NAME, strict: true, what: 'service name' }),
  models: modelsSchema,
  networks: networksSchema,
  volumes: volumesSchema,
  secrets: secretsSchema,
  configs: configsSchema,
})
