/** Top-level `volumes.*`. */
import { driverOpts, external, listOrDict, string } from './_common.ts'
import { object, record, type Schema } from './_define.ts'

export const volumeSchema: Schema = object(
  { name: string, driver: string, driver_opts: driverOpts, external: external(true), labels: listOrDict },
  { nullable: true },
)

export const volumesSchema: Schema = record(volumeSchema, { pattern: /^[a-zA-Z0-9._-]+$/, strict: true, what: 'volume name' })
