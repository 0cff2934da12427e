/**
 * How each part of the project is written by `docker compose config`: compose-go's struct field
 * order, which fields are Go pointers (zero values kept) or plain values (zero values omitted),
 * and the custom marshalers (sizes as `"%d"` strings, modes as `"0440"`, extra_hosts as sorted
 * `host=ip`, ...). Kept as data so the YAML and JSON renderers share it.
 */

export type Shape =
  | { k: 'scalar' }
  | { k: 'bytes' }
  | { k: 'mode' }
  | { k: 'struct'; fields: readonly Field[]; ext?: boolean }
  | { k: 'map'; of: Shape }
  | { k: 'list'; of: Shape }
  | { k: 'custom'; render: (value: unknown, json: boolean) => unknown }

export interface Field {
  key: string
  shape: Shape
  /**
   * `ptr`: omitted only when unset (Go pointer); `always`: never omitted (no `omitempty`);
   * `value`: a Go struct value, omitted in YAML when empty but always present in JSON;
   * `opt-out`: a boolean that defaults to true, written only when false (compose-go `OptOut`);
   * default: omitted when unset or zero (`omitempty`).
   */
  keep?: 'ptr' | 'always' | 'value' | 'json-always' | 'opt-out'
  /** Not written in JSON (`json:"-"`). */
  noJson?: boolean
}

const scalar: Shape = { k: 'scalar' }
const bytes: Shape = { k: 'bytes' }
const mode: Shape = { k: 'mode' }
const list = (of: Shape): Shape => ({ k: 'list', of })
const map = (of: Shape = scalar): Shape => ({ k: 'map', of })
const struct = (fields: readonly Field[], ext = true): Shape => ({ k: 'struct', fields, ext })
const f = (key: string, shape: Shape = scalar, keep?: Field['keep']): Field => (keep === undefined ? { key, shape } : { key, shape, keep })
const strings = list(scalar)

const ulimit: Shape = {
  k: 'custom',
  render: (value) => {
    const u = value as { single?: number; soft?: number; hard?: number }
    if (u.single !== undefined && u.single !== 0) return u.single
    return { soft: u.soft ?? 0, hard: u.hard ?? 0 }
  },
}

const hosts: Shape = {
  k: 'custom',
  render: (value) =>
    Object.entries(value as Record<string, string[]>)
      .flatMap(([host, ips]) => ips.map((ip) => `${host}=${ip}`))
      .sort(),
}

const sshKeys: Shape = {
  k: 'custom',
  render: (value) => (value as { id: string; path?: string }[]).map((key) => (key.path === undefined ? key.id : `${key.id}=${key.path}`)),
}

const fileReference = struct([f('source'), f('target'), f('uid'), f('gid'), f('mode', mode, 'ptr')])

const deviceRequest = struct(
  [f('capabilities', strings), f('driver'), f('count', { k: 'custom', render: (v) => (v === -1 ? 'all' : v) }), f('device_ids', strings), f('options', map())],
  false,
)

const hook = struct([
  f('command', strings, 'json-always'),
  f('image'),
  f('user'),
  f('privileged'),
  f('working_dir'),
  f('environment', map()),
  f('per_replica'),
])

const build = struct([
  f('context'),
  f('dockerfile'),
  f('dockerfile_inline'),
  f('entitlements', strings),
  f('args', map()),
  f('provenance'),
  f('sbom'),
  f('ssh', sshKeys),
  f('labels', map()),
  f('cache_from', strings),
  f('cache_to', strings),
  f('no_cache'),
  f('no_cache_filter', strings),
  f('additional_contexts', map()),
  f('pull'),
  f('extra_hosts', hosts),
  f('isolation'),
  f('network'),
  f('target'),
  f('secrets', list(fileReference)),
  f('shm_size', bytes),
  f('tags', strings),
  f('ulimits', map(ulimit)),
  f('platforms', strings),
  f('privileged'),
])

const updateConfig = struct([
  f('parallelism', scalar, 'ptr'),
  f('delay'),
  f('failure_action'),
  f('monitor'),
  f('max_failure_ratio'),
  f('order'),
])

const resource = struct([
  f('cpus'),
  f('memory', bytes),
  f('pids'),
  f('devices', list(deviceRequest)),
  f('generic_resources', list(struct([f('discrete_resource_spec', struct([f('kind', scalar, 'always'), f('value', scalar, 'always')]), 'ptr')]))),
])

const deploy = struct([
  f('mode'),
  f('replicas', scalar, 'ptr'),
  f('labels', map()),
  f('update_config', updateConfig, 'ptr'),
  f('rollback_config', updateConfig, 'ptr'),
  f('resources', struct([f('limits', resource, 'ptr'), f('reservations', resource, 'ptr')]), 'value'),
  f('restart_policy', struct([f('condition'), f('delay', scalar, 'ptr'), f('max_attempts', scalar, 'ptr'), f('window', scalar, 'ptr')]), 'ptr'),
  f('placement', struct([f('constraints', strings), f('preferences', list(struct([f('spread')]))), f('max_replicas_per_node')]), 'value'),
  f('endpoint_mode'),
])

const volumeMount = struct([
  f('type'),
  f('source'),
  f('target'),
  f('read_only'),
  f('consistency'),
  f('bind', struct([f('selinux'), f('propagation'), f('create_host_path', scalar, 'opt-out'), f('recursive')]), 'ptr'),
  f('volume', struct([f('labels', map()), f('nocopy'), f('subpath')]), 'ptr'),
  f('tmpfs', struct([f('size', bytes), f('mode')]), 'ptr'),
  f('image', struct([f('subpath')]), 'ptr'),
])

const port = struct([f('name'), f('mode'), f('host_ip'), f('target'), f('published'), f('protocol'), f('app_protocol')])

const serviceNetwork = struct([
  f('aliases', strings),
  f('driver_opts', map()),
  f('gw_priority'),
  f('interface_name'),
  f('ipv4_address'),
  f('ipv6_address'),
  f('link_local_ips', strings),
  f('mac_address'),
  f('priority'),
])

const healthcheck = struct([
  f('test', strings),
  f('timeout', scalar, 'ptr'),
  f('interval', scalar, 'ptr'),
  f('retries', scalar, 'ptr'),
  f('start_period', scalar, 'ptr'),
  f('start_interval', scalar, 'ptr'),
  f('disable'),
])

const throttle = list(struct([f('path', scalar, 'always'), f('rate', bytes, 'always')]))

export const SERVICE_SHAPE = struct([
  f('profiles', strings),
  f('annotations', map()),
  f('attach', scalar, 'ptr'),
  f('build', build, 'ptr'),
  f('develop', struct([f('watch', list(struct([f('path', scalar, 'always'), f('action', scalar, 'always'), f('target'), f('exec', hook, 'value'), f('include', strings), f('ignore', strings), f('initial_sync')])))]), 'ptr'),
  f('blkio_config', struct([f('weight'), f('weight_device', list(struct([f('path', scalar, 'always'), f('weight', scalar, 'always')]))), f('device_read_bps', throttle), f('device_read_iops', throttle), f('device_write_bps', throttle), f('device_write_iops', throttle)]), 'ptr'),
  f('cap_add', strings),
  f('cap_drop', strings),
  f('cgroup_parent'),
  f('cgroup'),
  f('cpu_count'),
  f('cpu_percent'),
  f('cpu_period'),
  f('cpu_quota'),
  f('cpu_rt_period'),
  f('cpu_rt_runtime'),
  f('cpus'),
  f('cpuset'),
  f('cpu_shares'),
  f('command', strings, 'json-always'),
  f('configs', list(fileReference)),
  f('container_name'),
  f('credential_spec', struct([f('config'), f('file'), f('registry')]), 'ptr'),
  f('depends_on', map(struct([f('condition'), f('restart'), f('required', scalar, 'always')]))),
  f('deploy', deploy, 'ptr'),
  f('device_cgroup_rules', strings),
  f('devices', list(struct([f('source'), f('target'), f('permissions')]))),
  f('dns', strings),
  f('dns_opt', strings),
  f('dns_search', strings),
  f('domainname'),
  f('entrypoint', strings, 'json-always'),
  f('provider', struct([f('type'), f('options', map(strings))]), 'ptr'),
  f('environment', map()),
  f('env_file', list(struct([f('path'), f('required', scalar, 'opt-out'), f('format')], false))),
  f('expose', strings),
  f('extends', struct([f('file'), f('service')], false), 'ptr'),
  f('external_links', strings),
  f('extra_hosts', hosts),
  f('group_add', strings),
  f('gpus', list(deviceRequest)),
  f('hostname'),
  f('healthcheck', healthcheck, 'ptr'),
  f('image'),
  f('init', scalar, 'ptr'),
  f('ipc'),
  f('isolation'),
  f('labels', map()),
  f('label_file', strings),
  f('links', strings),
  f('logging', struct([f('driver'), f('options', map())]), 'ptr'),
  f('mem_limit', bytes),
  f('mem_reservation', bytes),
  f('memswap_limit', bytes),
  f('mem_swappiness', bytes),
  f('mac_address'),
  f('models', map(struct([f('endpoint_var'), f('model_var')]))),
  f('network_mode'),
  f('networks', map(serviceNetwork)),
  f('oom_kill_disable'),
  f('oom_score_adj'),
  f('pid'),
  f('pids_limit'),
  f('platform'),
  f('ports', list(port)),
  f('privileged'),
  f('pull_policy'),
  f('read_only'),
  f('restart'),
  f('runtime'),
  f('scale', scalar, 'ptr'),
  f('secrets', list(fileReference)),
  f('security_opt', strings),
  f('shm_size', bytes),
  f('stdin_open'),
  f('stop_grace_period', scalar, 'ptr'),
  f('stop_signal'),
  f('storage_opt', map()),
  f('sysctls', map()),
  f('tmpfs', strings),
  f('tty'),
  f('ulimits', map(ulimit)),
  f('use_api_socket'),
  f('user'),
  f('userns_mode'),
  f('uts'),
  f('volumes', list(volumeMount)),
  f('volumes_from', strings),
  f('working_dir'),
  f('pre_start', list(hook)),
  f('post_start', list(hook)),
  f('pre_stop', list(hook)),
])

export const NETWORK_SHAPE = struct([
  f('name'),
  f('driver'),
  f('driver_opts', map()),
  f('ipam', struct([f('driver'), f('config', list(struct([f('subnet'), f('gateway'), f('ip_range'), f('aux_addresses', map())]))), f('options', map())]), 'value'),
  f('external'),
  f('internal'),
  f('attachable'),
  f('labels', map()),
  f('enable_ipv4', scalar, 'ptr'),
  f('enable_ipv6', scalar, 'ptr'),
])

export const VOLUME_SHAPE = struct([f('name'), f('driver'), f('driver_opts', map()), f('external'), f('labels', map())])

export const FILE_OBJECT_SHAPE = struct([
  f('name'),
  f('file'),
  f('environment'),
  f('content'),
  f('external'),
  f('labels', map()),
  f('driver'),
  f('driver_opts', map()),
  f('template_driver'),
])

export const MODEL_SHAPE = struct([f('name'), f('model'), f('context_size'), f('runtime_flags', strings)])
