/** Shapes shared by several Engine API families (API 1.41, moby/moby docs/api/v1.41.yaml). */

/** `filters` query parameter: `{ label: ['a=b'], name: ['web'] }`, sent as JSON. */
export type EngineFilters = Readonly<Record<string, readonly string[]>>

export type Labels = Record<string, string>

/** `{ "Id": "…", "Warnings": […] }` answered by create calls. */
export interface CreateResponse {
  Id: string
  Warnings: string[] | null
}

/** A port a container exposes or publishes (`"80/tcp": {}`). */
export type PortSet = Record<string, Record<string, never>>

export interface PortBinding {
  HostIp?: string
  HostPort?: string
}

export type PortMap = Record<string, PortBinding[] | null>

export interface MountPoint {
  Type?: 'bind' | 'volume' | 'tmpfs' | 'npipe'
  Name?: string
  Source: string
  Destination: string
  Driver?: string
  Mode: string
  RW: boolean
  Propagation: string
}

export interface GraphDriverData {
  Name: string
  Data: Record<string, string>
}

/** Answer of the prune endpoints. */
export interface PruneResponse {
  SpaceReclaimed?: number
  NetworksDeleted?: string[] | null
  VolumesDeleted?: string[] | null
  ContainersDeleted?: string[] | null
  ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null
}
