/** Host settings: privileges, namespaces, DNS, hosts, restart policy, logging, storage, runtime. */
import type { HostConfig, RestartPolicy } from '../engine/types.ts'
import type { ServiceConfig } from '../model/project.ts'
import type { ServiceContainerIds } from './hash.ts'

/** `restart:` (no, always, unless-stopped, on-failure[:N]) or `deploy.restart_policy`. */
export function toRestartPolicy(service: ServiceConfig, warnings: string[]): RestartPolicy | undefined {
  if (service.restart !== undefined) {
    const [name = '', max] = service.restart.split(':')
    if (name === 'no' || name === 'always' || name === 'unless-stopped') return { Name: name }
    if (name === 'on-failure') return { Name: 'on-failure', ...(max === undefined ? {} : { MaximumRetryCount: Number(max) }) }
    warnings.push(`restart "${service.restart}" is not a restart policy; ignored`)
    return undefined
  }
  const policy = service.deploy?.restart_policy
  if (policy === undefined) return undefined
  if (policy.delay !== undefined || policy.window !== undefined) warnings.push('deploy.restart_policy delay and window are swarm-only; ignored')
  switch (policy.condition) {
    case 'none':
      return { Name: 'no' }
    case 'on-failure':
      return { Name: 'on-failure', ...(policy.max_attempts === undefined ? {} : { MaximumRetryCount: policy.max_attempts }) }
    case 'any':
    case undefined:
      return { Name: 'always' }
    default:
      warnings.push(`deploy.restart_policy.condition "${policy.condition}" is unknown; ignored`)
      return undefined
  }
}

function namespace(mode: string | undefined, refs: ServiceContainerIds): string | undefined {
  if (mode?.startsWith('service:') !== true) return mode
  const name = mode.slice('service:'.length)
  return `container:${refs[name] ?? name}`
}

export function toHostSettings(service: ServiceConfig, refs: ServiceContainerIds, warnings: string[]): HostConfig {
  const h: HostConfig = {}
  if (service.cap_add !== undefined) h.CapAdd = service.cap_add
  if (service.cap_drop !== undefined) h.CapDrop = service.cap_drop
  if (service.privileged === true) h.Privileged = true
  if (service.security_opt !== undefined) h.SecurityOpt = service.security_opt
  if (service.sysctls !== undefined) h.Sysctls = service.sysctls
  if (service.dns !== undefined) h.Dns = service.dns
  if (service.dns_opt !== undefined) h.DnsOptions = service.dns_opt
  if (service.dns_search !== undefined) h.DnsSearch = service.dns_search
  if (service.extra_hosts !== undefined) {
    h.ExtraHosts = Object.entries(service.extra_hosts).flatMap(([host, ips]) => ips.map((ip) => `${host}:${ip}`))
  }
  if (service.group_add !== undefined) h.GroupAdd = service.group_add
  const ipc = namespace(service.ipc, refs)
  if (ipc !== undefined) h.IpcMode = ipc
  const pid = namespace(service.pid, refs)
  if (pid !== undefined) h.PidMode = pid
  if (service.uts !== undefined) h.UTSMode = service.uts
  if (service.userns_mode !== undefined) h.UsernsMode = service.userns_mode
  if (service.cgroup !== undefined) h.CgroupnsMode = service.cgroup
  if (service.read_only === true) h.ReadonlyRootfs = true
  const restart = toRestartPolicy(service, warnings)
  if (restart !== undefined) h.RestartPolicy = restart
  if (service.logging !== undefined) {
    h.LogConfig = { Type: service.logging.driver ?? '', ...(service.logging.options === undefined ? {} : { Config: service.logging.options }) }
  }
  if (service.storage_opt !== undefined) h.StorageOpt = service.storage_opt
  if (service.runtime !== undefined) h.Runtime = service.runtime
  if (service.isolation !== undefined) h.Isolation = service.isolation as HostConfig['Isolation']
  return h
}
