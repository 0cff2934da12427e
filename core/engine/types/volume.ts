/** Volumes (definitions Volume, VolumeCreateOptions, VolumeListResponse). */
import type { Labels } from './common.ts'

export interface VolumeInspect {
  Name: string
  Driver: string
  Mountpoint: string
  CreatedAt?: string
  Status?: Record<string, unknown>
  Labels: Labels | null
  Scope: 'local' | 'global'
  Options: Record<string, string> | null
  UsageData?: { Size: number; RefCount: number } | null
}

export interface VolumeCreateBody {
  Name?: string
  Driver?: string
  DriverOpts?: Record<string, string>
  Labels?: Labels
}

export interface VolumeListResponse {
  Volumes: VolumeInspect[] | null
  Warnings: string[] | null
}
