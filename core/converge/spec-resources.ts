/** Resource limits: cpu, memory, pids, ulimits, devices, blkio, and `deploy.resources` outside swarm. */
import type { DeviceRequest as EngineDeviceRequest, HostConfig, ThrottleDevice } from '../engine/types.ts'
import type { DeviceRequest, ServiceConfig, ThrottleDevice as ModelThrottle } from '../model/project.ts'

function deviceRequest(d: DeviceRequest): EngineDeviceRequest {
  return {
    ...(d.driver !== undefined ? { Driver: d.driver } : {}),
    // no count and no IDs means all devices
    Count: d.count ?? (d.device_ids === undefined ? -1 : 0),
    ...(d.device_ids !== undefined ? { DeviceIDs: d.device_ids } : {}),
    ...(d.capabilities !== undefined ? { Capabilities: [d.capabilities] } : {}),
    ...(d.options !== undefined ? { Options: d.options } : {}),
  }
}

const throttle = (list: ModelThrottle[] | undefined): ThrottleDevice[] | undefined => list?.map((t) => ({ Path: t.path, Rate: t.rate }))

export function toResources(service: ServiceConfig, warnings: string[]): HostConfig {
  const limits = service.deploy?.resources?.limits
  const reservations = service.deploy?.resources?.reservations
  const h: HostConfig = {}
  const cpus = service.cpus ?? limits?.cpus
  if (cpus !== undefined && cpus > 0) h.NanoCpus = Math.round(cpus * 1e9)
  if (service.cpu_shares !== undefined) h.CpuShares = service.cpu_shares
  if (service.cpu_period !== undefined) h.CpuPeriod = service.cpu_period
  if (service.cpu_quota !== undefined) h.CpuQuota = service.cpu_quota
  if (service.cpu_rt_period !== undefined) h.CpuRealtimePeriod = service.cpu_rt_period
  if (service.cpu_rt_runtime !== undefined) h.CpuRealtimeRuntime = service.cpu_rt_runtime
  if (service.cpuset !== undefined) h.CpusetCpus = service.cpuset
  if (service.cpu_count !== undefined) h.CpuCount = service.cpu_count
  if (service.cpu_percent !== undefined) h.CpuPercent = service.cpu_percent
  const memory = service.mem_limit ?? limits?.memory
  if (memory !== undefined) h.Memory = memory
  const reservation = service.mem_reservation ?? reservations?.memory
  if (reservation !== undefined) h.MemoryReservation = reservation
  if (service.memswap_limit !== undefined) h.MemorySwap = service.memswap_limit
  if (service.mem_swappiness !== undefined) h.MemorySwappiness = service.mem_swappiness
  const pids = service.pids_limit ?? limits?.pids
  if (pids !== undefined) h.PidsLimit = pids
  if (service.oom_kill_disable !== undefined) h.OomKillDisable = service.oom_kill_disable
  if (service.oom_score_adj !== undefined) h.OomScoreAdj = service.oom_score_adj
  if (service.init !== undefined) h.Init = service.init
  if (service.shm_size !== undefined) h.ShmSize = service.shm_size
  if (service.cgroup_parent !== undefined) h.CgroupParent = service.cgroup_parent
  if (service.ulimits !== undefined) {
    h.Ulimits = Object.entries(service.ulimits)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, u]) => ({ Name: name, Soft: u.single ?? u.soft ?? 0, Hard: u.single ?? u.hard ?? 0 }))
  }
  if (service.devices !== undefined) {
    h.Devices = service.devices.map((d) => ({ PathOnHost: d.source, PathInContainer: d.target, CgroupPermissions: d.permissions || 'rwm' }))
  }
  if (service.device_cgroup_rules !== undefined) h.DeviceCgroupRules = service.device_cgroup_rules
  const requests = [...(service.gpus ?? []).map((g) => ({ ...g, capabilities: g.capabilities ?? ['gpu'] })), ...(reservations?.devices ?? [])]
  if (requests.length > 0) h.DeviceRequests = requests.map(deviceRequest)
  const blkio = service.blkio_config
  if (blkio !== undefined) {
    if (blkio.weight !== undefined) h.BlkioWeight = blkio.weight
    if (blkio.weight_device !== undefined) h.BlkioWeightDevice = blkio.weight_device.map((w) => ({ Path: w.path, Weight: w.weight }))
    const rb = throttle(blkio.device_read_bps)
    if (rb !== undefined) h.BlkioDeviceReadBps = rb
    const ri = throttle(blkio.device_read_iops)
    if (ri !== undefined) h.BlkioDeviceReadIOps = ri
    const wb = throttle(blkio.device_write_bps)
    if (wb !== undefined) h.BlkioDeviceWriteBps = wb
    const wi = throttle(blkio.device_write_iops)
    if (wi !== undefined) h.BlkioDeviceWriteIOps = wi
  }
  if (reservations?.cpus !== undefined) warnings.push('deploy.resources.reservations.cpus is a swarm scheduling hint; ignored by the engine')
  if ((limits?.generic_resources ?? reservations?.generic_resources) !== undefined) warnings.push('deploy.resources generic_resources are swarm-only; ignored')
  return h
}
