/** The portable container config: process, identity, terminal, stop behaviour. */
import type { ContainerConfig } from '../engine/types.ts'
import { toNanoseconds } from '../loader/normalize/durations.ts'
import type { ServiceConfig } from '../model/project.ts'

/** An environment as the engine takes it, sorted: `KEY=value`, or a bare `KEY` for a variable without a value. */
export function envList(env: Readonly<Record<string, string | null>> | undefined): string[] {
  return Object.entries(env ?? {})
    .map(([k, v]) => (v === null ? k : `${k}=${v}`))
    .sort()
}

export function toConfig(service: ServiceConfig, warnings: string[]): ContainerConfig {
  const config: ContainerConfig = {}
  // undefined keeps the image's; null (`command: []`) clears it
  if (service.command !== undefined) config.Cmd = service.command ?? []
  if (service.entrypoint !== undefined) config.Entrypoint = service.entrypoint ?? []
  const env = envList(service.environment)
  if (env.length > 0) config.Env = env
  if (service.user !== undefined) config.User = service.user
  if (service.working_dir !== undefined) config.WorkingDir = service.working_dir
  if (service.hostname !== undefined) config.Hostname = service.hostname
  if (service.domainname !== undefined) config.Domainname = service.domainname
  if (service.tty === true) config.Tty = true
  if (service.stdin_open === true) {
    config.OpenStdin = true
    config.AttachStdin = true
  }
  config.AttachStdout = true
  config.AttachStderr = true
  if (service.stop_signal !== undefined) config.StopSignal = service.stop_signal
  if (service.stop_grace_period !== undefined) {
    const ns = toNanoseconds(service.stop_grace_period)
    config.StopTimeout = Math.ceil(ns / 1e9)
    if (ns % 1e9 !== 0) warnings.push(`stop_grace_period ${service.stop_grace_period} rounded up to whole seconds (${config.StopTimeout}s)`)
  }
  const mac = service.mac_address
  if (mac !== undefined) config.MacAddress = mac
  return config
}
