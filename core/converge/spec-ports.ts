/** `ports` and `expose` → ExposedPorts and PortBindings. */
import type { PortBinding, PortMap, PortSet } from '../engine/types.ts'
import type { ServiceConfig } from '../model/project.ts'

function range(spec: string): number[] {
  const [a = '', b] = spec.split('-')
  const start = Number(a)
  const end = b === undefined ? start : Number(b)
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return []
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

export function toPorts(service: ServiceConfig): { exposed?: PortSet; bindings?: PortMap } {
  const exposed: PortSet = {}
  const bindings: PortMap = {}
  for (const e of service.expose ?? []) {
    const [ports = '', proto = 'tcp'] = e.split('/')
    for (const p of range(ports)) exposed[`${p}/${proto}`] = {}
  }
  for (const port of service.ports ?? []) {
    const key = `${port.target}/${port.protocol || 'tcp'}`
    exposed[key] = {}
    const binding: PortBinding = {}
    if (port.host_ip !== undefined && port.host_ip !== '') binding.HostIp = port.host_ip
    if (port.published !== undefined && port.published !== '') binding.HostPort = port.published
    const list = bindings[key] ?? []
    list.push(binding)
    bindings[key] = list
  }
  return {
    ...(Object.keys(exposed).length > 0 ? { exposed } : {}),
    ...(Object.keys(bindings).length > 0 ? { bindings } : {}),
  }
}
