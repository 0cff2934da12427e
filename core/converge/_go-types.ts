/**
 * compose-go's `types.ServiceConfig` and the structs it embeds, as field tables in Go struct
 * order with their JSON tags (compose-spec/compose-go types/types.go). Fields tagged `json:"-"`
 * (name, custom labels, extensions) and legacy fields our model does not carry (net,
 * log_driver, log_opt, dockerfile, volume_driver) are absent: they are never set here.
 */
import type { GoField, GoType } from './_go-json.ts'

const str: GoType = 'string'
const strings: GoType = { list: 'string' }
const mapping: GoType = { map: 'string' }
const dur: GoType = { ptr: 'duration' }

const fileRef: GoType = {
  struct: [
    ['source', str],
    ['target', str],
    ['uid', str],
    ['gid', str],
    ['mode', { ptr: 'filemode' }],
  ],
}

const deviceRequest: GoType = {
  struct: [
    ['capabilities', strings],
    ['driver', str],
    ['count', 'int'],
    ['device_ids', strings],
    ['options', mapping],
  ],
}

const throttle: GoType = {
  struct: [
    ['Path', str, 'always'],
    ['Rate', 'bytes', 'always'],
  ],
}

const updateConfig: GoType = {
  ptr: {
    struct: [
      ['parallelism', { ptr: 'int' }],
      ['delay', 'duration'],
      ['failure_action', str],
      ['monitor', 'duration'],
      ['max_failure_ratio', 'float32'],
      ['order', str],
    ],
  },
}

const resource: GoType = {
  ptr: {
    struct: [
      ['cpus', 'float32'],
      ['memory', 'bytes'],
      ['pids', 'int'],
      ['devices', { list: deviceRequest }],
      ['generic_resources', { list: { struct: [['discrete_resource_spec', { ptr: { struct: [['kind', str, 'always'], ['value', 'int', 'always']] } }]] } }],
    ],
  },
}

const deploy: GoType = {
  ptr: {
    struct: [
      ['mode', str],
      ['replicas', { ptr: 'int' }],
      ['labels', mapping],
      ['update_config', updateConfig],
      ['rollback_config', updateConfig],
      ['resources', { struct: [['limits', resource], ['reservations', resource]] }],
      [
        'restart_policy',
        {
          ptr: {
            struct: [
              ['condition', str],
              ['delay', dur],
              ['max_attempts', { ptr: 'int' }],
              ['window', dur],
            ],
          },
        },
      ],
      ['placement', { struct: [['constraints', strings], ['preferences', { list: { struct: [['spread', str]] } }], ['max_replicas_per_node', 'int']] }],
      ['endpoint_mode', str],
    ],
  },
}

const port: GoType = {
  struct: [
    ['name', str],
    ['mode', str],
    ['host_ip', str],
    ['target', 'int'],
    ['published', str],
    ['protocol', str],
    ['app_protocol', str],
  ],
}

const volume: GoType = {
  struct: [
    ['type', str],
    ['source', str],
    ['target', str],
    ['read_only', 'bool'],
    ['consistency', str],
    ['bind', { ptr: { struct: [['selinux', str], ['propagation', str], ['create_host_path', 'bool', 'omitzero-true'], ['recursive', str]] } }],
    ['volume', { ptr: { struct: [['labels', mapping], ['nocopy', 'bool'], ['subpath', str]] } }],
    ['tmpfs', { ptr: { struct: [['size', 'bytes'], ['mode', 'int']] } }],
    ['image', { ptr: { struct: [['subpath', str]] } }],
  ],
}

const serviceNetwork: GoType = {
  ptr: {
    struct: [
      ['aliases', strings],
      ['driver_opts', mapping],
      ['gw_priority', 'int'],
      ['interface_name', str],
      ['ipv4_address', str],
      ['ipv6_address', str],
      ['link_local_ips', strings],
      ['mac_address', str],
      ['priority', 'int'],
    ],
  },
}

const hook: GoType = {
  struct: [
    ['command', 'command', 'always'],
    ['image', str],
    ['user', str],
    ['privileged', 'bool'],
    ['working_dir', str],
    ['environment', { map: { ptr: 'string' } }],
    ['per_replica', 'bool'],
  ],
}

const healthcheck: GoType = {
  ptr: {
    struct: [
      ['test', strings],
      ['timeout', dur],
      ['interval', dur],
      ['retries', { ptr: 'int' }],
      ['start_period', dur],
      ['start_interval', dur],
      ['disable', 'bool'],
    ],
  },
}

/** `types.ServiceConfig`, in struct order. `build`, `develop` and `extends` are cleared or absent before hashing. */
export const SERVICE_FIELDS: readonly GoField[] = [
  ['profiles', strings],
  ['annotations', mapping],
  ['attach', { ptr: 'bool' }],
  ['blkio_config', { ptr: { struct: [['weight', 'int'], ['weight_device', { list: { struct: [['Path', str, 'always'], ['Weight', 'int', 'always']] } }], ['device_read_bps', { list: throttle }], ['device_read_iops', { list: throttle }], ['device_write_bps', { list: throttle }], ['device_write_iops', { list: throttle }]] } }],
  ['cap_add', strings],
  ['cap_drop', strings],
  ['cgroup_parent', str],
  ['cgroup', str],
  ['cpu_count', 'int'],
  ['cpu_percent', 'float32'],
  ['cpu_period', 'int'],
  ['cpu_quota', 'int'],
  ['cpu_rt_period', 'int'],
  ['cpu_rt_runtime', 'int'],
  ['cpus', 'float32'],
  ['cpuset', str],
  ['cpu_shares', 'int'],
  ['command', 'command', 'always'],
  ['configs', { list: fileRef }],
  ['container_name', str],
  ['credential_spec', { ptr: { struct: [['config', str], ['file', str], ['registry', str]] } }],
  ['depends_on', { map: { struct: [] } }],
  ['deploy', deploy],
  ['device_cgroup_rules', strings],
  ['devices', { list: { struct: [['source', str], ['target', str], ['permissions', str]] } }],
  ['dns', strings],
  ['dns_opt', strings],
  ['dns_search', strings],
  ['domainname', str],
  ['entrypoint', 'command', 'always'],
  ['provider', { ptr: { struct: [['type', str], ['options', { map: strings }]] } }],
  ['environment', { map: { ptr: 'string' } }],
  ['env_file', { list: { struct: [['path', str], ['required', 'bool', 'omitzero-true'], ['format', str]] } }],
  ['expose', strings],
  ['external_links', strings],
  ['extra_hosts', 'hosts'],
  ['group_add', strings],
  ['gpus', { list: deviceRequest }],
  ['hostname', str],
  ['healthcheck', healthcheck],
  ['image', str],
  ['init', { ptr: 'bool' }],
  ['ipc', str],
  ['isolation', str],
  ['labels', mapping],
  ['label_file', strings],
  ['links', strings],
  ['logging', { ptr: { struct: [['driver', str], ['options', mapping]] } }],
  ['mem_limit', 'bytes'],
  ['mem_reservation', 'bytes'],
  ['memswap_limit', 'bytes'],
  ['mem_swappiness', 'bytes'],
  ['mac_address', str],
  ['models', { map: { ptr: { struct: [['endpoint_var', str], ['model_var', str]] } } }],
  ['network_mode', str],
  ['networks', { map: serviceNetwork }],
  ['oom_kill_disable', 'bool'],
  ['oom_score_adj', 'int'],
  ['pid', str],
  ['pids_limit', 'int'],
  ['platform', str],
  ['ports', { list: port }],
  ['privileged', 'bool'],
  ['read_only', 'bool'],
  ['restart', str],
  ['runtime', str],
  ['secrets', { list: fileRef }],
  ['security_opt', strings],
  ['shm_size', 'bytes'],
  ['stdin_open', 'bool'],
  ['stop_grace_period', dur],
  ['stop_signal', str],
  ['storage_opt', mapping],
  ['sysctls', mapping],
  ['tmpfs', strings],
  ['tty', 'bool'],
  ['ulimits', { map: 'ulimit' }],
  ['use_api_socket', 'bool'],
  ['user', str],
  ['userns_mode', str],
  ['uts', str],
  ['volumes', { list: volume }],
  ['volumes_from', strings],
  ['working_dir', str],
  ['pre_start', { list: hook }],
  ['post_start', { list: hook }],
  ['pre_stop', { list: hook }],
]

/** compose-go types.IPAMPool */
const IPAM_POOL_FIELDS: readonly GoField[] = [
  ['subnet', 'string'],
  ['gateway', 'string'],
  ['ip_range', 'string'],
  ['aux_addresses', { map: 'string' }],
]

/** compose-go types.NetworkConfig (CustomLabels and extensions are `json:"-"`). */
export const NETWORK_FIELDS: readonly GoField[] = [
  ['name', 'string'],
  ['driver', 'string'],
  ['driver_opts', { map: 'string' }],
  // IPAMConfig is a struct, not a pointer: omitempty never drops it
  ['ipam', { struct: [['driver', 'string'], ['config', { list: { ptr: { struct: IPAM_POOL_FIELDS } } }], ['options', { map: 'string' }]] }],
  ['external', 'bool'],
  ['internal', 'bool'],
  ['attachable', 'bool'],
  ['labels', { map: 'string' }],
  ['enable_ipv4', { ptr: 'bool' }],
  ['enable_ipv6', { ptr: 'bool' }],
]

/** compose-go types.VolumeConfig */
export const VOLUME_FIELDS: readonly GoField[] = [
  ['name', 'string'],
  ['driver', 'string'],
  ['driver_opts', { map: 'string' }],
  ['external', 'bool'],
  ['labels', { map: 'string' }],
]
