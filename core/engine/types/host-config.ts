/** HostConfig and the resource limits it embeds (definitions HostConfig, Resources, Mount). */
import type { PortMap } from './common.ts'

export interface RestartPolicy {
  Name?: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure'
  MaximumRetryCount?: number
}

export interface ThrottleDevice {
  Path: string
  Rate: number
}

export interface WeightDevice {
  Path: string
  Weight: number
}

export interface DeviceMapping {
  PathOnHost: string
  PathInContainer: string
  CgroupPermissions?: string
}

export interface DeviceRequest {
  Driver?: string
  Count?: number
  DeviceIDs?: string[]
  Capabilities?: string[][]
  Options?: Record<string, string>
}

export interface Ulimit {
  Name: string
  Soft: number
  Hard: number
}

export interface Mount {
  Target: string
  Source?: string
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe'
  ReadOnly?: boolean
  Consistency?: 'default' | 'consistent' | 'cached' | 'delegated'
  BindOptions?: {
    Propagation?: 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave'
    NonRecursive?: boolean
  }
  VolumeOptions?: {
    NoCopy?: boolean
    Labels?: Record<string, string>
    DriverConfig?: { Name?: string; Options?: Record<string, string> }
  }
  TmpfsOptions?: { SizeBytes?: number; Mode?: number }
}

/** Definition `Resources`: also the body of `POST /containers/{id}/update`. */
export interface Resources {
  CpuShares?: number
  Memory?: number
  CgroupParent?: string
  BlkioWeight?: number
  BlkioWeightDevice?: WeightDevice[] | null
  BlkioDeviceReadBps?: ThrottleDevice[] | null
  BlkioDeviceWriteBps?: ThrottleDevice[] | null
  BlkioDeviceReadIOps?: ThrottleDevice[] | null
  BlkioDeviceWriteIOps?: ThrottleDevice[] | null
  CpuPeriod?: number
  CpuQuota?: number
  CpuRealtimePeriod?: number
  CpuRealtimeRuntime?: number
  CpusetCpus?: string
  CpusetMems?: string
  Devices?: DeviceMapping[] | null
  DeviceCgroupRules?: string[] | null
  DeviceRequests?: DeviceRequest[] | null
  KernelMemoryTCP?: number
  MemoryReservation?: number
  MemorySwap?: number
  MemorySwappiness?: number | null
  NanoCpus?: number
  OomKillDisable?: boolean
  Init?: boolean | null
  PidsLimit?: number | null
  Ulimits?: Ulimit[] | null
  CpuCount?: number
  CpuPercent?: number
  IOMaximumIOps?: number
  IOMaximumBandwidth?: number
}

export interface LogConfig {
  Type: string
  Config?: Record<string, string>
}

export interface HostConfig extends Resources {
  Binds?: string[] | null
  ContainerIDFile?: string
  LogConfig?: LogConfig
  NetworkMode?: string
  PortBindings?: PortMap | null
  RestartPolicy?: RestartPolicy
  AutoRemove?: boolean
  VolumeDriver?: string
  VolumesFrom?: string[] | null
  Mounts?: Mount[] | null
  CapAdd?: string[] | null
  CapDrop?: string[] | null
  CgroupnsMode?: 'private' | 'host'
  Dns?: string[] | null
  DnsOptions?: string[] | null
  DnsSearch?: string[] | null
  ExtraHosts?: string[] | null
  GroupAdd?: string[] | null
  IpcMode?: string
  Cgroup?: string
  Links?: string[] | null
  OomScoreAdj?: number
  PidMode?: string
  Privileged?: boolean
  PublishAllPorts?: boolean
  ReadonlyRootfs?: boolean
  SecurityOpt?: string[] | null
  StorageOpt?: Record<string, string> | null
  Tmpfs?: Record<string, string> | null
  UTSMode?: string
  UsernsMode?: string
  ShmSize?: number
  Sysctls?: Record<string, string> | null
  Runtime?: string
  ConsoleSize?: [number, number] | null
  Isolation?: '' | 'default' | 'process' | 'hyperv'
  MaskedPaths?: string[] | null
  ReadonlyPaths?: string[] | null
}
