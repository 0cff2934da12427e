/** Containers: create body, summaries, inspect, wait, top, changes, path stat. */
import type { GraphDriverData, Labels, MountPoint, PortSet } from './common.ts'
import type { HostConfig } from './host-config.ts'
import type { EndpointSettings, NetworkingConfig } from './network.ts'

/** Definition `HealthConfig`; durations in nanoseconds. */
export interface HealthConfig {
  Test?: string[]
  Interval?: number
  Timeout?: number
  Retries?: number
  StartPeriod?: number
}

/** Definition `ContainerConfig`: the portable part of a container. */
export interface ContainerConfig {
  Hostname?: string
  Domainname?: string
  User?: string
  AttachStdin?: boolean
  AttachStdout?: boolean
  AttachStderr?: boolean
  ExposedPorts?: PortSet | null
  Tty?: boolean
  OpenStdin?: boolean
  StdinOnce?: boolean
  Env?: string[] | null
  Cmd?: string[] | null
  Healthcheck?: HealthConfig
  ArgsEscaped?: boolean | null
  Image?: string
  Volumes?: Record<string, Record<string, never>> | null
  WorkingDir?: string
  Entrypoint?: string[] | null
  NetworkDisabled?: boolean | null
  MacAddress?: string | null
  OnBuild?: string[] | null
  Labels?: Labels | null
  StopSignal?: string | null
  StopTimeout?: number | null
  Shell?: string[] | null
}

/** Body of `POST /containers/create`. */
export interface ContainerCreateBody extends ContainerConfig {
  HostConfig?: HostConfig
  NetworkingConfig?: NetworkingConfig
}

export interface ContainerPort {
  IP?: string
  PrivatePort: number
  PublicPort?: number
  Type: 'tcp' | 'udp' | 'sctp'
}

/** One row of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string
  Names: string[]
  Image: string
  ImageID: string
  Command: string
  Created: number
  Ports: ContainerPort[]
  SizeRw?: number
  SizeRootFs?: number
  Labels: Labels
  State: ContainerStatus
  Status: string
  HostConfig: { NetworkMode?: string }
  NetworkSettings: { Networks: Record<string, EndpointSettings> }
  Mounts: MountPoint[]
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

export interface HealthcheckResult {
  Start: string
  End: string
  ExitCode: number
  Output: string
}

export interface ContainerHealth {
  Status: 'none' | 'starting' | 'healthy' | 'unhealthy'
  FailingStreak: number
  Log: HealthcheckResult[] | null
}

export interface ContainerState {
  Status: ContainerStatus
  Running: boolean
  Paused: boolean
  Restarting: boolean
  OOMKilled: boolean
  Dead: boolean
  Pid: number
  ExitCode: number
  Error: string
  StartedAt: string
  FinishedAt: string
  Health?: ContainerHealth
}

export interface ContainerNetworkSettings {
  Bridge: string
  SandboxID: string
  HairpinMode: boolean
  SandboxKey: string
  Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null
  Gateway: string
  IPAddress: string
  IPPrefixLen: number
  MacAddress: string
  Networks: Record<string, EndpointSettings>
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspect {
  Id: string
  Created: string
  Path: string
  Args: string[]
  State: ContainerState
  Image: string
  ResolvConfPath: string
  HostnamePath: string
  HostsPath: string
  LogPath: string
  Name: string
  RestartCount: number
  Driver: string
  Platform: string
  MountLabel: string
  ProcessLabel: string
  AppArmorProfile: string
  ExecIDs: string[] | null
  HostConfig: HostConfig
  GraphDriver: GraphDriverData
  SizeRw?: number
  SizeRootFs?: number
  Mounts: MountPoint[]
  Config: ContainerConfig
  NetworkSettings: ContainerNetworkSettings
}

/** `POST /containers/{id}/wait`. */
export interface ContainerWaitResponse {
  StatusCode: number
  /** Only when waiting failed (e.g. the container could not be waited on). */
  Error?: { Message: string }
}

export type WaitCondition = 'not-running' | 'next-exit' | 'removed'

/** `GET /containers/{id}/top`. */
export interface ContainerTopResponse {
  Titles: string[]
  Processes: string[][]
}

/** `GET /containers/{id}/changes`: Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange {
  Path: string
  Kind: 0 | 1 | 2
}

/** The decoded `X-Docker-Container-Path-Stat` header. */
export interface ContainerPathStat {
  name: string
  size: number
  /** Go `os.FileMode` bits (directory is 1 << 31, symlink 1 << 27). */
  mode: number
  mtime: string
  linkTarget: string
}

export interface ContainerUpdateResponse {
  Warnings: string[] | null
}
