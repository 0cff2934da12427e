/**
 * Networking: `network_mode` (host, none, bridge, `service:x`, `container:x`) or the service's
 * `networks` with aliases, static addresses, links and priority (compose-features.md 4.7).
 * API 1.41 takes one network at create; the others are connected right after, before start.
 */
import type { ContainerConfig, EndpointSettings, HostConfig, NetworkingConfig } from '../engine/types.ts'
import type { ServiceConfig, ServiceNetworkConfig } from '../model/project.ts'
import type { CreateSpecInput } from './create-spec.ts'
import { containerName, networkName } from './naming.ts'

export interface ExtraNetwork {
  /** Engine name of the network. */
  network: string
  endpoint: EndpointSettings
}

export interface NetworkingResult {
  config: Pick<ContainerConfig, 'MacAddress' | 'NetworkDisabled'>
  host: Pick<HostConfig, 'NetworkMode' | 'Links'>
  networking?: NetworkingConfig
  extra: ExtraNetwork[]
}

/** Network keys by priority (highest first), then name: the first is the primary network. */
export function networksByPriority(service: ServiceConfig): string[] {
  const nets = service.networks ?? (service.network_mode === undefined ? { default: null } : {})
  return Object.keys(nets).sort((a, b) => (nets[b]?.priority ?? 0) - (nets[a]?.priority ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
}

function links(input: CreateSpecInput): string[] {
  const out: string[] = []
  for (const link of input.service.links ?? []) {
    const [svc = '', alias] = link.split(':')
    const target = input.project.services[svc]
    const name = target === undefined ? svc : containerName(input.project, target, 1)
    out.push(`${name}:${alias ?? svc}`)
  }
  for (const link of input.service.external_links ?? []) {
    const [name = '', alias] = link.split(':')
    out.push(`${name}:${alias ?? name}`)
  }
  return out
}

function endpoint(input: CreateSpecInput, cfg: ServiceNetworkConfig | null | undefined, linkList: string[], warnings: string[], key: string): EndpointSettings {
  const aliases = [input.service.name, ...(cfg?.aliases ?? [])]
  if (!aliases.includes(input.name)) aliases.push(input.name)
  const ipam = {
    ...(cfg?.ipv4_address !== undefined ? { IPv4Address: cfg.ipv4_address } : {}),
    ...(cfg?.ipv6_address !== undefined ? { IPv6Address: cfg.ipv6_address } : {}),
    ...(cfg?.link_local_ips !== undefined ? { LinkLocalIPs: cfg.link_local_ips } : {}),
  }
  if (cfg?.interface_name !== undefined) warnings.push(`networks.${key}.interface_name needs Engine API 1.49; ignored`)
  if (cfg?.gw_priority !== undefined) warnings.push(`networks.${key}.gw_priority needs Engine API 1.48; ignored`)
  return {
    Aliases: aliases,
    ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}),
    ...(linkList.length > 0 ? { Links: linkList } : {}),
    ...(cfg?.driver_opts !== undefined ? { DriverOpts: cfg.driver_opts } : {}),
    ...(cfg?.mac_address !== undefined ? { MacAddress: cfg.mac_address } : {}),
  }
}

export function toNetworking(input: CreateSpecInput, warnings: string[] = []): NetworkingResult {
  const { service, refs } = input
  const mode = service.network_mode
  if (mode !== undefined && mode !== '') {
    let resolved = mode
    if (mode.startsWith('service:')) resolved = `container:${refs[mode.slice(8)] ?? mode.slice(8)}`
    if (mode === 'disabled') return { config: { NetworkDisabled: true }, host: { NetworkMode: 'none' }, extra: [] }
    const linkList = links(input)
    return { config: {}, host: { NetworkMode: resolved, ...(linkList.length > 0 ? { Links: linkList } : {}) }, extra: [] }
  }
  const keys = networksByPriority(service)
  const nets = service.networks ?? { default: null }
  const linkList = links(input)
  const [primary, ...others] = keys
  if (primary === undefined) return { config: {}, host: {}, extra: [] }
  const primaryName = networkName(input.project, primary)
  const primaryCfg = nets[primary]
  const config: NetworkingResult['config'] = {}
  if (primaryCfg?.mac_address !== undefined && service.mac_address === undefined) config.MacAddress = primaryCfg.mac_address
  return {
    config,
    host: { NetworkMode: primaryName },
    networking: { EndpointsConfig: { [primaryName]: endpoint(input, primaryCfg, linkList, warnings, primary) } },
    extra: others.map((key) => ({ network: networkName(input.project, key), endpoint: endpoint(input, nets[key], linkList, warnings, key) })),
  }
}
