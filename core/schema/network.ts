/** Top-level `networks.*`. */
import { boolOrString, driverOpts, external, listOrDict, string } from './_common.ts'
import { list, object, record, type Schema } from './_define.ts'

export const networkSchema: Schema = object(
  {
    name: string,
    driver: string,
    driver_opts: driverOpts,
    ipam: object({
      driver: string,
      config: list(
        object({
          subnet: string,
          ip_range: string,
          gateway: string,
          aux_addresses: record(string, { pattern: /^.+$/, strict: true }),
        }),
      ),
      options: record(string, { pattern: /^.+$/, strict: true }),
    }),
    external: external(true),
    internal: boolOrString,
    enable_ipv4: boolOrString,
    enable_ipv6: boolOrString,
    attachable: boolOrString,
    labels: listOrDict,
  },
  { nullable: true },
)

export const networksSchema: Schema = record(networkSchema, { pattern: /^[a-zA-Z0-9._-]+$/ })
