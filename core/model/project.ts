/**
 * The normalized compose project: what `normalizeModel` produces and what every later stage
 * (consistency checks, `config`, the convergence engine) reads.
 *
 * Conventions
 * - Property names are the compose-file keys (`cap_add`, `depends_on`, ...), so the model reads
 *   like the file and renders back without a translation table.
 * - Every attribute is in its long form: ports are expanded one per port, volumes are mounts
 *   with a `type`, `depends_on`/`networks` are maps, lists of `KEY=value` are maps, sizes are
 *   numbers of bytes, durations are Go duration strings (`1m30s`, see `core/loader/durations.ts`
 *   for `toNanoseconds`), file modes are numbers (0o440).
 * - An absent attribute is `undefined` (the key is not set). Where docker compose distinguishes
 *   "not set" from a zero value (`attach`, `init`, `scale`, `deploy.replicas`, `enable_ipv6`, ...)
 *   the property is optional and the zero value is kept when written.
 * - `x-*` extensions are kept on the object that carried them (service, network, volume, ...).
 * - Paths (build context, bind sources, env files, secret files) are absolute when the project
 *   was loaded with path resolution (the default).
 */

/** `x-*` keys, kept as written. */
export interface Extensions {
  [key: `x-${string}`]: unknown
}

/** A Go duration string as docker compose prints it: `10s`, `1m30s`, `1h0m0s`, `500ms`. */
export type Duration = string

/** A size in bytes (`512m` → 536870912). */
export type Bytes = number

/** The normalized project. */
export interface Project extends Extensions {
  name: string
  /** Enabled services, keyed by service name. */
  services: Record<string, ServiceConfig>
  /** Services disabled by profiles (kept so they are not taken for orphans). */
  disabledServices?: Record<string, ServiceConfig>
  /**
   * docker compose's `--compatibility` / COMPOSE_COMPATIBILITY: containers are named
   * `<project>_<service>_<n>`, as docker-compose v1 named them (not part of the compose file).
   */
  compatibility?: boolean
  networks: Record<string, NetworkConfig>
  volumes: Record<string, VolumeConfig>
  secrets: Record<string, SecretConfig>
  configs: Record<string, ConfigObjConfig>
  models?: Record<string, ModelConfig>
  /** Absolute project directory (not rendered). */
  workingDir?: string
  /** Interpolation environment (not rendered; `config --environment` prints it). */
  environment?: Record<string, string>
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully'

export interface ServiceDependency extends Extensions {
  condition: DependencyCondition
  /** Restart this service when the dependency is restarted (implicit deps from links/`service:`). */
  restart?: boolean
  required: boolean
}

/** One service, all attributes in compose-go's field order (the order `config` prints). */
export interface ServiceConfig extends Extensions {
  /** The service key (not rendered). */
  name: string
  profiles?: string[]
  annotations?: Record<string, string>
  attach?: boolean
  build?: BuildConfig
  develop?: DevelopConfig
  blkio_config?: BlkioConfig
  cap_add?: string[]
  cap_drop?: string[]
  cgroup_parent?: string
  cgroup?: 'host' | 'private'
  cpu_count?: number
  cpu_percent?: number
  cpu_period?: number
  cpu_quota?: number
  cpu_rt_period?: number
  cpu_rt_runtime?: number
  cpus?: number
  cpuset?: string
  cpu_shares?: number
  /** `null` means "explicitly empty" (`command: []`), which clears the image's CMD. */
  command?: string[] | null
  configs?: FileReference[]
  container_name?: string
  credential_spec?: CredentialSpecConfig
  depends_on?: Record<string, ServiceDependency>
  deploy?: DeployConfig
  device_cgroup_rules?: string[]
  devices?: DeviceMapping[]
  dns?: string[]
  dns_opt?: string[]
  dns_search?: string[]
  domainname?: string
  entrypoint?: string[] | null
  provider?: ServiceProviderConfig
  /** `null` value: declared without a value and not resolved from the environment. */
  environment?: Record<string, string | null>
  env_file?: EnvFile[]
  expose?: string[]
  extends?: ExtendsConfig
  external_links?: string[]
  /** Host name → addresses; rendered as sorted `host=ip` strings. */
  extra_hosts?: Record<string, string[]>
  group_add?: string[]
  gpus?: DeviceRequest[]
  hostname?: string
  healthcheck?: HealthCheckConfig
  image?: string
  init?: boolean
  ipc?: string
  isolation?: string
  labels?: Record<string, string>
  label_file?: string[]
  links?: string[]
  logging?: LoggingConfig
  mem_limit?: Bytes
  mem_reservation?: Bytes
  memswap_limit?: Bytes
  mem_swappiness?: Bytes
  mac_address?: string
  models?: Record<string, ServiceModelConfig | null>
  network_mode?: string
  /** Network key → attachment options (`null`: attached with defaults). */
  networks?: Record<string, ServiceNetworkConfig | null>
  oom_kill_disable?: boolean
  oom_score_adj?: number
  pid?: string
  pids_limit?: number
  platform?: string
  ports?: ServicePortConfig[]
  privileged?: boolean
  pull_policy?: string
  read_only?: boolean
  restart?: string
  runtime?: string
  scale?: number
  secrets?: FileReference[]
  security_opt?: string[]
  shm_size?: Bytes
  stdin_open?: boolean
  stop_grace_period?: Duration
  stop_signal?: string
  storage_opt?: Record<string, string>
  sysctls?: Record<string, string>
  tmpfs?: string[]
  tty?: boolean
  ulimits?: Record<string, UlimitsConfig>
  use_api_socket?: boolean
  user?: string
  userns_mode?: string
  uts?: string
  volumes?: ServiceVolumeConfig[]
  volumes_from?: string[]
  working_dir?: string
  pre_start?: ServiceHook[]
  post_start?: ServiceHook[]
  pre_stop?: ServiceHook[]
}

export interface BuildConfig extends Extensions {
  context: string
  dockerfile?: string
  dockerfile_inline?: string
  entitlements?: string[]
  /** `null`: declared without value and not found in the environment. */
  args?: Record<string, string | null>
  provenance?: string
  sbom?: string
  ssh?: SshKey[]
  labels?: Record<string, string>
  cache_from?: string[]
  cache_to?: string[]
  no_cache?: boolean
  no_cache_filter?: string[]
  additional_contexts?: Record<string, string>
  pull?: boolean
  extra_hosts?: Record<string, string[]>
  isolation?: string
  network?: string
  target?: string
  secrets?: FileReference[]
  shm_size?: Bytes
  tags?: string[]
  ulimits?: Record<string, UlimitsConfig>
  platforms?: string[]
  privileged?: boolean
}

/** `default` or `id=path` (the path is absolute after path resolution when it is a file). */
export interface SshKey {
  id: string
  path?: string
}

export interface DevelopConfig extends Extensions {
  watch?: WatchTrigger[]
}

export type WatchAction = 'rebuild' | 'sync' | 'restart' | 'sync+restart' | 'sync+exec'

export interface WatchTrigger extends Extensions {
  path: string
  action: WatchAction
  target?: string
  exec?: ServiceHook
  include?: string[]
  ignore?: string[]
  initial_sync?: boolean
}

export interface BlkioConfig extends Extensions {
  weight?: number
  weight_device?: { path: string; weight: number }[]
  device_read_bps?: ThrottleDevice[]
  device_read_iops?: ThrottleDevice[]
  device_write_bps?: ThrottleDevice[]
  device_write_iops?: ThrottleDevice[]
}

export interface ThrottleDevice {
  path: string
  rate: Bytes
}

/** Service `secrets`/`configs` entry and `build.secrets`. */
export interface FileReference extends Extensions {
  source: string
  /** Secrets default to `/run/secrets/<source>`; configs keep it unset (mounted at `/<source>`). */
  target?: string
  uid?: string
  gid?: string
  /** Octal file mode as a number (0o440); rendered `"0440"`. */
  mode?: number
}

export interface CredentialSpecConfig extends Extensions {
  config?: string
  file?: string
  registry?: string
}

export interface DeployConfig extends Extensions {
  mode?: string
  replicas?: number
  labels?: Record<string, string>
  update_config?: UpdateConfig
  rollback_config?: UpdateConfig
  resources?: Resources
  restart_policy?: RestartPolicy
  placement?: Placement
  endpoint_mode?: string
}

export interface UpdateConfig extends Extensions {
  parallelism?: number
  delay?: Duration
  failure_action?: string
  monitor?: Duration
  max_failure_ratio?: number
  order?: string
}

export interface Resources extends Extensions {
  limits?: Resource
  reservations?: Resource
}

export interface Resource extends Extensions {
  cpus?: number
  memory?: Bytes
  pids?: number
  devices?: DeviceRequest[]
  generic_resources?: GenericResource[]
}

export interface GenericResource extends Extensions {
  discrete_resource_spec?: { kind: string; value: number } & Extensions
}

export interface RestartPolicy extends Extensions {
  condition?: string
  delay?: Duration
  max_attempts?: number
  window?: Duration
}

export interface Placement extends Extensions {
  constraints?: string[]
  preferences?: ({ spread?: string } & Extensions)[]
  max_replicas_per_node?: number
}

export interface DeviceRequest {
  capabilities?: string[]
  driver?: string
  /** -1 means `all`. */
  count?: number
  device_ids?: string[]
  options?: Record<string, string>
}

export interface DeviceMapping extends Extensions {
  source: string
  target: string
  permissions: string
}

export interface ServiceProviderConfig extends Extensions {
  type: string
  options?: Record<string, string[]>
}

export interface EnvFile {
  path: string
  required: boolean
  format?: string
}

export interface ExtendsConfig {
  file?: string
  service: string
}

export interface HealthCheckConfig extends Extensions {
  /** `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`; a string test becomes CMD-SHELL. */
  test?: string[]
  timeout?: Duration
  interval?: Duration
  retries?: number
  start_period?: Duration
  start_interval?: Duration
  disable?: boolean
}

export interface LoggingConfig extends Extensions {
  driver?: string
  options?: Record<string, string>
}

export interface ServiceModelConfig extends Extensions {
  endpoint_var?: string
  model_var?: string
}

export interface ServiceNetworkConfig extends Extensions {
  aliases?: string[]
  driver_opts?: Record<string, string>
  gw_priority?: number
  interface_name?: string
  ipv4_address?: string
  ipv6_address?: string
  link_local_ips?: string[]
  mac_address?: string
  priority?: number
}

export type PortMode = 'ingress' | 'host' | (string & {})

export interface ServicePortConfig extends Extensions {
  name?: string
  mode: PortMode
  host_ip?: string
  target: number
  /** Host port or range (`"8080"`, `"8000-8010"`); unset lets the engine pick one. */
  published?: string
  protocol: string
  app_protocol?: string
}

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'cluster' | 'npipe' | 'image'

export interface ServiceVolumeConfig extends Extensions {
  type: VolumeType
  /** Host path (bind), volume key (volume; unset for an anonymous volume), image reference. */
  source?: string
  target: string
  read_only?: boolean
  consistency?: string
  bind?: ServiceVolumeBind
  volume?: ServiceVolumeVolume
  tmpfs?: ServiceVolumeTmpfs
  image?: { subpath?: string } & Extensions
}

export interface ServiceVolumeBind extends Extensions {
  selinux?: 'z' | 'Z'
  propagation?: string
  /** Defaults to true; docker compose prints it only when false. */
  create_host_path: boolean
  recursive?: string
}

export interface ServiceVolumeVolume extends Extensions {
  labels?: Record<string, string>
  nocopy?: boolean
  subpath?: string
}

export interface ServiceVolumeTmpfs extends Extensions {
  size?: Bytes
  mode?: number
}

export interface UlimitsConfig extends Extensions {
  /** Set when the limit was one number (soft = hard). */
  single?: number
  soft?: number
  hard?: number
}

export interface ServiceHook extends Extensions {
  command?: string[] | null
  image?: string
  user?: string
  privileged?: boolean
  working_dir?: string
  environment?: Record<string, string | null>
  per_replica?: boolean
}

export interface NetworkConfig extends Extensions {
  /** Engine-side name: `<project>_<key>`, the key for external networks, or `name:` verbatim. */
  name?: string
  driver?: string
  driver_opts?: Record<string, string>
  ipam?: IpamConfig
  external?: boolean
  internal?: boolean
  attachable?: boolean
  labels?: Record<string, string>
  enable_ipv4?: boolean
  enable_ipv6?: boolean
}

export interface IpamConfig extends Extensions {
  driver?: string
  config?: IpamPool[]
  options?: Record<string, string>
}

export interface IpamPool extends Extensions {
  subnet?: string
  gateway?: string
  ip_range?: string
  aux_addresses?: Record<string, string>
}

export interface VolumeConfig extends Extensions {
  name?: string
  driver?: string
  driver_opts?: Record<string, string>
  external?: boolean
  labels?: Record<string, string>
}

/** Shared shape of top-level secrets and configs. */
export interface FileObjectConfig extends Extensions {
  name?: string
  file?: string
  environment?: string
  content?: string
  external?: boolean
  labels?: Record<string, string>
  driver?: string
  driver_opts?: Record<string, string>
  template_driver?: string
}

export type SecretConfig = FileObjectConfig
export type ConfigObjConfig = FileObjectConfig

export interface ModelConfig extends Extensions {
  name?: string
  model: string
  context_size?: number
  runtime_flags?: string[]
}
