/** `version`: our version and, given a client, the engine's. */
import type { EngineClient } from '../engine/client.ts'
import { CLIENT_MAX_API_VERSION } from '../engine/api-version.ts'
import { version as engineVersion } from '../engine/api/system.ts'
import { detectRuntime, runtimeVersion } from '../runtime/env.ts'
import { COMPOSE_VERSION } from '../version.ts'

export interface VersionReport {
  compose: { version: string; runtime: string; runtimeVersion: string; maxApiVersion: string }
  engine?: { version: string; address: string; apiVersion: string; serverApiVersion: string; minApiVersion?: string; os: string; arch: string }
}

export async function engineVersionReport(client: EngineClient | undefined, signal?: AbortSignal): Promise<VersionReport> {
  const report: VersionReport = {
    compose: { version: COMPOSE_VERSION, runtime: detectRuntime(), runtimeVersion: runtimeVersion(), maxApiVersion: CLIENT_MAX_API_VERSION },
  }
  if (client === undefined) return report
  const [apiVersion, v] = await Promise.all([client.apiVersion(signal), engineVersion(client, signal)])
  report.engine = {
    version: v.Version,
    address: client.address,
    apiVersion,
    serverApiVersion: v.ApiVersion,
    ...(v.MinAPIVersion === undefined ? {} : { minApiVersion: v.MinAPIVersion }),
    os: v.Os,
    arch: v.Arch,
  }
  return report
}
