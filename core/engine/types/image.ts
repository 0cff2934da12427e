/** Images: summaries, inspect, delete answers, registry auth (definitions ImageSummary, Image, AuthConfig). */
import type { GraphDriverData, Labels } from './common.ts'
import type { ContainerConfig } from './container.ts'

/** One row of `GET /images/json`. */
export interface ImageSummary {
  Id: string
  ParentId: string
  RepoTags: string[] | null
  RepoDigests: string[] | null
  Created: number
  Size: number
  SharedSize: number
  VirtualSize?: number
  Labels: Labels | null
  Containers: number
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string
  RepoTags: string[] | null
  RepoDigests: string[] | null
  Parent: string
  Comment: string
  Created: string
  Container?: string
  ContainerConfig?: ContainerConfig
  DockerVersion: string
  Author: string
  Config: ContainerConfig | null
  Architecture: string
  Variant?: string
  Os: string
  OsVersion?: string
  Size: number
  VirtualSize?: number
  GraphDriver: GraphDriverData
  RootFS: { Type: string; Layers?: string[] }
  Metadata?: { LastTagTime?: string }
}

/** One row of `DELETE /images/{name}`. */
export interface ImageDeleteItem {
  Untagged?: string
  Deleted?: string
}

/** Definition `AuthConfig`: what `X-Registry-Auth` carries (base64url JSON). */
export interface AuthConfig {
  username?: string
  password?: string
  email?: string
  serveraddress?: string
  identitytoken?: string
  registrytoken?: string
}

export interface ImageIdResponse {
  Id: string
}
