/**
 * `services.*`: every attribute of a service (compose-go's copy of the schema, which docker
 * compose enforces; it adds `pre_start` and `build.no_cache_filter` to the spec copy).
 */
import {
  blkioLimit,
  blkioWeight,
  boolOrString,
  boolean,
  command,
  envFile,
  extraHosts,
  fileReferences,
  gpus,
  integer,
  intOrString,
  labelFile,
  listOfStrings,
  listOrDict,
  numOrString,
  oneOf,
  pattern,
  preStartHook,
  serviceHook,
  string,
  stringOrList,
  ulimits,
} from './_common.ts'
import { anyOf, byType, list, object, record, type Schema } from './_define.ts'
import { buildSchema } from './build.ts'
import { deploySchema } from './deploy.ts'
import { developSchema } from './develop.ts'
import { portsSchema, serviceNetworksSchema } from './service-networks.ts'
import { serviceVolumesSchema } from './service-volumes.ts'

export const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/
export const DEPENDS_ON_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'] as const

const uniqueStrings: Schema = list(string, { unique: true })
const intOrStringMin0: Schema = byType({ string, number: integer({ min: 0 }) })

const dependsOn: Schema = byType({
  array: listOfStrings,
  object: record(
    object(
      { restart: boolOrString, required: boolean, condition: oneOf(DEPENDS_ON_CONDITIONS) },
      { required: ['condition'] },
    ),
    { pattern: SERVICE_NAME, strict: true, what: 'service name' },
  ),
})

const healthcheck: Schema = object({
  disable: boolOrString,
  interval: string,
  retries: numOrString,
  test: byType({ string, array: list(string) }),
  timeout: string,
  start_period: string,
  start_interval: string,
})

const models: Schema = byType({
  array: listOfStrings,
  object: record(byType({ null: anyOf('null'), object: object({ endpoint_var: string, model_var: string }) }), {
    pattern: SERVICE_NAME,
  }),
})

export const serviceSchema: Schema = object({
  develop: developSchema,
  deploy: deploySchema,
  annotations: listOrDict,
  attach: boolOrString,
  build: buildSchema,
  blkio_config: object(
    {
      device_read_bps: list(blkioLimit),
      device_read_iops: list(blkioLimit),
      device_write_bps: list(blkioLimit),
      device_write_iops: list(blkioLimit),
      weight: intOrString,
      weight_device: list(blkioWeight),
    },
    { extensions: false },
  ),
  cap_add: uniqueStrings,
  cap_drop: uniqueStrings,
  cgroup: oneOf(['host', 'private']),
  cgroup_parent: string,
  command,
  configs: fileReferences,
  container_name: pattern(/[a-zA-Z0-9][a-zA-Z0-9_.-]+/),
  cpu_count: intOrStringMin0,
  cpu_percent: byType({ string, number: integer({ min: 0, max: 100 }) }),
  cpu_shares: numOrString,
  cpu_quota: numOrString,
  cpu_period: numOrString,
  cpu_rt_period: numOrString,
  cpu_rt_runtime: numOrString,
  cpus: numOrString,
  cpuset: string,
  credential_spec: object({ config: string, file: string, registry: string }),
  depends_on: dependsOn,
  device_cgroup_rules: listOfStrings,
  devices: list(
    byType({ string, object: object({ source: string, target: string, permissions: string }, { required: ['source'] }) }),
  ),
  dns: stringOrList,
  dns_opt: uniqueStrings,
  dns_search: stringOrList,
  domainname: string,
  entrypoint: command,
  env_file: envFile,
  label_file: labelFile,
  environment: listOrDict,
  expose: list(anyOf('string', 'number'), { unique: true }),
  extends: byType({ string, object: object({ service: string, file: string }, { required: ['service'], extensions: false }) }),
  provider: object(
    {
      type: string,
      options: record(
        byType({
          string,
          number: anyOf('number'),
          boolean,
          array: list(anyOf('string', 'number', 'boolean')),
        }),
      ),
    },
    { required: ['type'] },
  ),
  external_links: uniqueStrings,
  extra_hosts: extraHosts,
  gpus,
  group_add: list(anyOf('string', 'number'), { unique: true }),
  healthcheck,
  hostname: string,
  image: string,
  init: boolOrString,
  ipc: string,
  isolation: string,
  labels: listOrDict,
  links: uniqueStrings,
  logging: object({ driver: string, options: record(anyOf('string', 'number', 'null')) }),
  mac_address: string,
  mem_limit: numOrString,
  mem_reservation: intOrString,
  mem_swappiness: intOrString,
  memswap_limit: numOrString,
  network_mode: string,
  models,
  networks: serviceNetworksSchema,
  oom_kill_disable: boolOrString,
  oom_score_adj: byType({ string, number: integer({ min: -1000, max: 1000 }) }),
  pid: anyOf('string', 'null'),
  pids_limit: numOrString,
  platform: string,
  ports: portsSchema,
  pre_start: list(preStartHook),
  post_start: list(serviceHook),
  pre_stop: list(serviceHook),
  privileged: boolOrString,
  profiles: listOfStrings,
  pull_policy: pattern(/always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+/),
  pull_refresh_after: string,
  read_only: boolOrString,
  restart: string,
  runtime: string,
  scale: intOrString,
  security_opt: uniqueStrings,
  shm_size: numOrString,
  secrets: fileReferences,
  sysctls: listOrDict,
  stdin_open: boolOrString,
  stop_grace_period: string,
  stop_signal: string,
  storage_opt: record(anyOf('string', 'number', 'boolean', 'null', 'array', 'object')),
  tmpfs: stringOrList,
  tty: boolOrString,
  ulimits,
  use_api_socket: boolean,
  user: string,
  uts: string,
  userns_mode: string,
  volumes: serviceVolumesSchema,
  volumes_from: uniqueStrings,
  working_dir: string,
})
