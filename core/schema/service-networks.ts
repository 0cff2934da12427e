/** `services.*.networks` and `services.*.ports`. */
import { driverOpts, intOrString, listOfStrings, number, string } from './_common.ts'
import { anyOf, byType, list, object, record, type Schema } from './_define.ts'

export const serviceNetworksSchema: Schema = byType({
  array: listOfStrings,
  object: record(
    byType({
      null: anyOf('null'),
      object: object({
        aliases: listOfStrings,
        interface_name: string,
        ipv4_address: string,
        ipv6_address: string,
        link_local_ips: listOfStrings,
        mac_address: string,
        driver_opts: driverOpts,
        priority: number,
        gw_priority: number,
      }),
    }),
    { pattern: /^[a-zA-Z0-9._-]+$/, strict: true, what: 'network name' },
  ),
})

export const portsSchema: Schema = list(
  byType({
    number,
    string,
    object: object({
      name: string,
      mode: string,
      host_ip: string,
      target: intOrString,
      published: intOrString,
      protocol: string,
      app_protocol: string,
    }),
  }),
  { unique: true },
)
