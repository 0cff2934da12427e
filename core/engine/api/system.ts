/** System endpoints: ping, version, info. */
import type { EngineClient } from '../client.ts'

export interface PingResult {
  apiVersion: string | undefined
  osType: string | undefined
  experimental: boolean
  builderVersion: string | undefined
}

export async function ping(client: EngineClient, signal?: AbortSignal): Promise<PingResult> {
  const res = await client.request({ method: 'GET', path: '/_ping', unversioned: true, ...(signal ? { signal } : {}) })
  await res.dump()
  return {
    apiVersion: res.headers['api-version'],
    osType: res.headers['ostype'],
    experimental: res.headers['docker-experimental'] === 'true',
    builderVersion: res.headers['builder-version'],
  }
}

export interface EngineVersion {
  Version: string
  ApiVersion: string
  MinAPIVersion?: string
  GitCommit?: string
  GoVersion?: string
  Os: string
  Arch: string
  KernelVersion?: string
  BuildTime?: string
  Components?: { Name: string; Version: string; Details?: Record<string, string> }[]
}

export function version(client: EngineClient, signal?: AbortSignal): Promise<EngineVersion> {
  return client.json<EngineVersion>({ method: 'GET', path: '/version', ...(signal ? { signal } : {}) })
}

export interface EngineInfo {
  ID: string
  Name: string
  ServerVersion: string
  OperatingSystem: string
  OSType: string
  Architecture: string
  NCPU: number
  MemTotal: number
  Driver: string
  Containers: number
  ContainersRunning: number
  Images: number
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean }
  [key: string]: unknown
}

export function info(client: EngineClient, signal?: AbortSignal): Promise<EngineInfo> {
  return client.json<EngineInfo>({ method: 'GET', path: '/info', ...(signal ? { signal } : {}) })
}
