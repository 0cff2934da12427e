/**
 * Port short syntax, as docker compose parses it (go-connections `nat.ParsePortSpecs`):
 * `[[host_ip:]published:]target[/protocol]`, ranges on both sides (`9090-9091:8080-8081`),
 * bracketed IPv6 host addresses (`[::1]:80:80`). One entry per container port, ordered as
 * compose orders them (by the string `port/proto`, so `100/tcp` sorts before `99/tcp`).
 */
import type { ServicePortConfig } from '../../model/project.ts'

export class PortSpecError extends Error {}

function parseRange(ports: string): [number, number] {
  if (ports === '') throw new PortSpecError('empty string specified for ports')
  const parse = (s: string): number => {
    if (!/^\d+$/.test(s) || Number(s) > 65535) throw new PortSpecError(`invalid port ${s}`)
    return Number(s)
  }
  if (!ports.includes('-')) {
    const p = parse(ports)
    return [p, p]
  }
  const [start, end] = ports.split('-', 2) as [string, string]
  const s = parse(start)
  const e = parse(end)
  if (e < s) throw new PortSpecError(`invalid range specified for port: ${ports}`)
  return [s, e]
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':')
  const n = parts.length
  const container = parts[n - 1] as string
  if (n === 1) return ['', '', container]
  if (n === 2) return ['', parts[0] as string, container]
  if (n === 3) return [parts[0] as string, parts[1] as string, container]
  return [parts.slice(0, n - 2).join(':'), parts[n - 2] as string, container]
}

function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/')
  if (raw === '' || parts[0] === '') return ['', '']
  if (parts.length === 1) return ['tcp', raw]
  if (parts[1] === '') return ['tcp', parts[0] as string]
  return [parts[1] as string, parts[0] as string]
}

function isIp(ip: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip)) return ip.split('.').every((p) => Number(p) <= 255)
  return /^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':')
}

/** Expand one short-syntax port into its long form. Throws `PortSpecError` on bad input. */
export function parsePortSpec(raw: string): ServicePortConfig[] {
  let [ip, hostPort, containerPort] = splitParts(raw)
  const [proto, port] = splitProtoPort(containerPort)
  containerPort = port
  if (ip.startsWith('[')) {
    const end = ip.indexOf(']')
    ip = end === -1 ? ip.slice(1) : ip.slice(1, end)
  }
  if (ip !== '' && !isIp(ip)) throw new PortSpecError(`invalid IP address: ${ip}`)
  if (containerPort === '') throw new PortSpecError(`no port specified: ${raw}<empty>`)
  let start: number
  let end: number
  try {
    ;[start, end] = parseRange(containerPort)
  } catch {
    throw new PortSpecError(`invalid containerPort: ${containerPort}`)
  }
  let hostStart = 0
  let hostEnd = 0
  if (hostPort !== '') {
    try {
      ;[hostStart, hostEnd] = parseRange(hostPort)
    } catch {
      throw new PortSpecError(`invalid hostPort: ${hostPort}`)
    }
    if (end - start !== hostEnd - hostStart && end !== start) {
      throw new PortSpecError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`)
    }
  }
  const protocol = proto.toLowerCase()
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new PortSpecError(`invalid proto: ${proto}`)
  const byKey = new Map<string, ServicePortConfig[]>()
  for (let i = 0; i <= end - start; i++) {
    const target = start + i
    let published = hostPort === '' ? '' : String(hostStart + i)
    if (start === end && hostStart !== hostEnd) published = `${published}-${hostEnd}`
    const entry: ServicePortConfig = { mode: 'ingress', target, protocol }
    if (ip !== '') entry.host_ip = ip
    if (published !== '') entry.published = published
    const key = `${target}/${protocol}`
    byKey.set(key, [...(byKey.get(key) ?? []), entry])
  }
  return [...byKey.keys()].sort().flatMap((key) => byKey.get(key) ?? [])
}

/** The uniqueness key docker compose uses when merging ports (`host_ip:published:target/protocol`). */
export function portKey(port: ServicePortConfig): string {
  return `${port.host_ip ?? '0.0.0.0'}:${port.published ?? ''}:${port.target}/${port.protocol}`
}
