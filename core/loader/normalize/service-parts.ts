/** Decoders of the structured service attributes (build, deploy, ports, volumes, ...). */
import type {
  DeviceRequest,
  FileReference,
  ServiceDependency,
  ServiceHook,
  ServicePortConfig,
  ServiceVolumeConfig,
  SshKey,
  UlimitsConfig,
} from '../../model/project.ts'
import {
  bool,
  bytes,
  dict,
  duration,
  fail,
  float,
  int,
  listOf,
  mapping,
  mappingWithEquals,
  recordOf,
  shellCommand,
  sprint,
  str,
  strList,
  struct,
  withExtensions,
  type Decoder,
  type FieldTable,
} from './_decode.ts'
import { isDict } from './_tree.ts'

/** Octal file mode: a string is read as octal (`"0440"`), a number as written (YAML `0440` is 288). */
export const fileMode: Decoder<number> = (v, path) => {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && /^[0-7]+$/.test(v)) return Number.parseInt(v, 8)
  return fail(path, `invalid file mode ${sprint(v)}`)
}

export const fileReference: Decoder<FileReference> = struct<FileReference>([
  ['source', str],
  ['target', str],
  ['uid', str],
  ['gid', str],
  ['mode', fileMode],
])

export const ulimit: Decoder<UlimitsConfig> = (v, path) => {
  if (isDict(v)) return withExtensions({ soft: int(v['soft'], [...path, 'soft']), hard: int(v['hard'], [...path, 'hard']) }, v)
  return { single: int(v, path) }
}

/** `extra_hosts`: `host:ip`, `host=ip` or a mapping; `[ipv6]` brackets removed. */
export const extraHosts: Decoder<Record<string, string[]>> = (v, path) => {
  const out: Record<string, string[]> = {}
  const add = (host: string, ips: string[], at: typeof path): void => {
    if (host === '' || /[:=]/.test(host)) fail(at, `bad host name '${host}'`)
    const clean = ips.map((ip) => (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip))
    out[host] = [...(out[host] ?? []), ...clean]
  }
  if (Array.isArray(v)) {
    v.forEach((e, i) => {
      const s = sprint(e)
      const eq = s.indexOf('=')
      const colon = s.indexOf(':')
      const at = eq >= 0 ? eq : colon
      if (at < 0) fail([...path, i], `invalid additional host, missing IP: ${s}`)
      add(s.slice(0, at), s.slice(at + 1).split(','), [...path, i])
    })
    return out
  }
  for (const [host, ips] of Object.entries(dict(v, path))) {
    add(host, Array.isArray(ips) ? ips.map(sprint) : [sprint(ips)], [...path, host])
  }
  return out
}

export const deviceRequest: Decoder<DeviceRequest> = (v, path) => {
  const d = dict(v, path)
  if ('count' in d && 'device_ids' in d) fail(path, '"count" and "device_ids" attributes are exclusive')
  const out: DeviceRequest = {}
  if ('capabilities' in d) out.capabilities = strList(d['capabilities'], [...path, 'capabilities'])
  if ('driver' in d) out.driver = str(d['driver'], [...path, 'driver'])
  if ('count' in d) {
    const c = d['count']
    if (typeof c === 'string' && c.toLowerCase() === 'all') out.count = -1
    else if (typeof c === 'number') out.count = c
    else if (typeof c === 'string' && /^-?\d+$/.test(c)) out.count = Number(c)
    else fail([...path, 'count'], `invalid value "${sprint(c)}", the only value allowed is 'all' or a number`)
  }
  if ('device_ids' in d) out.device_ids = strList(d['device_ids'], [...path, 'device_ids'])
  if ('options' in d) out.options = mapping(d['options'], [...path, 'options'])
  return out
}

export const dependsOn: Decoder<Record<string, ServiceDependency>> = recordOf<ServiceDependency>((v, path) => {
  const d = dict(v, path)
  const out = { condition: str(d['condition'] ?? 'service_started', [...path, 'condition']) } as ServiceDependency
  if ('restart' in d) out.restart = bool(d['restart'], [...path, 'restart'])
  out.required = d['required'] === undefined ? true : bool(d['required'], [...path, 'required'])
  return withExtensions(out, d)
})

export const port: Decoder<ServicePortConfig> = (v, path) => {
  const d = dict(v, path)
  const out = {} as ServicePortConfig
  if ('name' in d) out.name = str(d['name'], [...path, 'name'])
  out.mode = d['mode'] === undefined ? 'ingress' : str(d['mode'], [...path, 'mode'])
  if ('host_ip' in d) out.host_ip = str(d['host_ip'], [...path, 'host_ip'])
  out.target = int(d['target'] ?? 0, [...path, 'target'])
  if (d['published'] !== undefined && d['published'] !== null && d['published'] !== '') out.published = sprint(d['published'])
  out.protocol = d['protocol'] === undefined ? 'tcp' : str(d['protocol'], [...path, 'protocol'])
  if ('app_protocol' in d) out.app_protocol = str(d['app_protocol'], [...path, 'app_protocol'])
  return withExtensions(out, d)
}

export const serviceVolume: Decoder<ServiceVolumeConfig> = (v, path) => {
  const d = dict(v, path)
  const type = str(d['type'], [...path, 'type']) as ServiceVolumeConfig['type']
  if (type === 'bind' && (d['source'] === undefined || d['source'] === '')) {
    fail(path, 'invalid mount config for type "bind": field Source must not be empty')
  }
  const out = { type } as ServiceVolumeConfig
  if (d['source'] !== undefined && d['source'] !== '') out.source = str(d['source'], [...path, 'source'])
  out.target = d['target'] === undefined ? '' : str(d['target'], [...path, 'target'])
  if (d['read_only'] !== undefined && bool(d['read_only'], [...path, 'read_only'])) out.read_only = true
  if ('consistency' in d) out.consistency = str(d['consistency'], [...path, 'consistency'])
  if (isDict(d['bind'])) {
    const b = d['bind']
    out.bind = withExtensions(
      {
        ...(b['selinux'] === undefined ? {} : { selinux: str(b['selinux'], [...path, 'bind', 'selinux']) as 'z' | 'Z' }),
        ...(b['propagation'] === undefined ? {} : { propagation: str(b['propagation'], [...path, 'bind', 'propagation']) }),
        create_host_path: b['create_host_path'] === undefined ? true : bool(b['create_host_path'], [...path, 'bind', 'create_host_path']),
        ...(b['recursive'] === undefined ? {} : { recursive: str(b['recursive'], [...path, 'bind', 'recursive']) }),
      },
      b,
    )
  }
  if (isDict(d['volume'])) {
    const vol = d['volume']
    out.volume = withExtensions(
      {
        ...(vol['labels'] === undefined ? {} : { labels: mapping(vol['labels'], [...path, 'volume', 'labels']) }),
        ...(vol['nocopy'] !== undefined && bool(vol['nocopy'], [...path, 'volume', 'nocopy']) ? { nocopy: true } : {}),
        ...(vol['subpath'] === undefined ? {} : { subpath: str(vol['subpath'], [...path, 'volume', 'subpath']) }),
      },
      vol,
    )
  }
  if (isDict(d['tmpfs'])) {
    const t = d['tmpfs']
    out.tmpfs = withExtensions(
      {
        ...(t['size'] === undefined ? {} : { size: bytes(t['size'], [...path, 'tmpfs', 'size']) }),
        ...(t['mode'] === undefined ? {} : { mode: fileMode(t['mode'], [...path, 'tmpfs', 'mode']) }),
      },
      t,
    )
  }
  if (isDict(d['image'])) out.image = withExtensions(d['image']['subpath'] === undefined ? {} : { subpath: str(d['image']['subpath'], [...path, 'image', 'subpath']) }, d['image'])
  return withExtensions(out, d)
}

const hookFields: FieldTable = [
  ['command', shellCommand],
  ['image', str],
  ['user', str],
  ['privileged', bool],
  ['working_dir', str],
  ['environment', mappingWithEquals],
  ['per_replica', bool],
]
export const serviceHook: Decoder<ServiceHook> = struct<ServiceHook>(hookFields)

const throttle = listOf<{ path: string; rate: number }>((v, path) => {
  const d = dict(v, path)
  return withExtensions({ path: str(d['path'] ?? '', [...path, 'path']), rate: bytes(d['rate'] ?? 0, [...path, 'rate']) }, d)
})

export const blkio = struct([
  ['weight', int],
  ['weight_device', listOf((v, path) => {
    const d = dict(v, path)
    return withExtensions({ path: str(d['path'] ?? '', [...path, 'path']), weight: int(d['weight'] ?? 0, [...path, 'weight']) }, d)
  })],
  ['device_read_bps', throttle],
  ['device_read_iops', throttle],
  ['device_write_bps', throttle],
  ['device_write_iops', throttle],
])

export const ssh: Decoder<SshKey[]> = (v, path) =>
  Object.entries(dict(v, path)).map(([id, p]) => (p === null || p === undefined ? { id } : { id, path: sprint(p) }))

export const buildConfig = struct([
  ['context', str],
  ['dockerfile', str],
  ['dockerfile_inline', str],
  ['entitlements', strList],
  ['args', mappingWithEquals],
  ['provenance', str],
  ['sbom', str],
  ['ssh', ssh],
  ['labels', mapping],
  ['cache_from', strList],
  ['cache_to', strList],
  ['no_cache', bool],
  ['no_cache_filter', strList],
  ['additional_contexts', mapping],
  ['pull', bool],
  ['extra_hosts', extraHosts],
  ['isolation', str],
  ['network', str],
  ['target', str],
  ['secrets', listOf(fileReference)],
  ['shm_size', bytes],
  ['tags', strList],
  ['ulimits', recordOf(ulimit)],
  ['platforms', strList],
  ['privileged', bool],
])

const updateConfig = struct([
  ['parallelism', int],
  ['delay', duration],
  ['failure_action', str],
  ['monitor', duration],
  ['max_failure_ratio', float],
  ['order', str],
])

const resource = struct([
  ['cpus', float],
  ['memory', bytes],
  ['pids', int],
  ['devices', listOf(deviceRequest)],
  ['generic_resources', listOf(struct([['discrete_resource_spec', struct([['kind', str], ['value', int]])]]))],
])

export const deployConfig = struct([
  ['mode', str],
  ['replicas', int],
  ['labels', mapping],
  ['update_config', updateConfig],
  ['rollback_config', updateConfig],
  ['resources', struct([['limits', resource], ['reservations', resource]])],
  ['restart_policy', struct([['condition', str], ['delay', duration], ['max_attempts', int], ['window', duration]])],
  ['placement', struct([['constraints', strList], ['preferences', listOf(struct([['spread', str]]))], ['max_replicas_per_node', int]])],
  ['endpoint_mode', str],
])

/** `healthcheck.test`: a string becomes `["CMD-SHELL", string]`. */
const healthTest: Decoder<string[]> = (v, path) => (typeof v === 'string' ? ['CMD-SHELL', v] : strList(v, path))

export const healthcheck = struct([
  ['test', healthTest],
  ['timeout', duration],
  ['interval', duration],
  ['retries', int],
  ['start_period', duration],
  ['start_interval', duration],
  ['disable', bool],
])

export const develop = struct([
  ['watch', listOf(struct([
    ['path', str],
    ['action', str],
    ['target', str],
    ['exec', serviceHook],
    ['include', strList],
    ['ignore', strList],
    ['initial_sync', bool],
  ]))],
])

export const envFiles = listOf<{ path: string; required: boolean; format?: string }>((v, path) => {
  if (typeof v === 'string') return { path: v, required: true }
  const d = dict(v, path)
  const out: { path: string; required: boolean; format?: string } = {
    path: str(d['path'], [...path, 'path']),
    required: d['required'] === undefined ? true : bool(d['required'], [...path, 'required']),
  }
  if ('format' in d) out.format = str(d['format'], [...path, 'format'])
  return out
})

export const serviceNetworks = recordOf((v, path) =>
  v === null || v === undefined
    ? null
    : struct([
        ['aliases', strList],
        ['driver_opts', mapping],
        ['gw_priority', int],
        ['interface_name', str],
        ['ipv4_address', str],
        ['ipv6_address', str],
        ['link_local_ips', strList],
        ['mac_address', str],
        ['priority', int],
      ])(v, path),
)

export const serviceModels = recordOf((v, path) =>
  v === null || v === undefined ? null : struct([['endpoint_var', str], ['model_var', str]])(v, path),
)

export const provider = struct([
  ['type', str],
  ['options', recordOf<string[]>((v) => (Array.isArray(v) ? v.map(sprint) : [sprint(v)]))],
])
