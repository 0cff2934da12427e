/** Networks: create body, inspect, endpoint settings (definitions Network, EndpointSettings, IPAM). */
import type { Labels } from './common.ts'

export interface EndpointIPAMConfig {
  IPv4Address?: string
  IPv6Address?: string
  LinkLocalIPs?: string[]
}

/** Definition `EndpointSettings`: a container's attachment to one network. */
export interface EndpointSettings {
  IPAMConfig?: EndpointIPAMConfig | null
  Links?: string[] | null
  Aliases?: string[] | null
  NetworkID?: string
  EndpointID?: string
  Gateway?: string
  IPAddress?: string
  IPPrefixLen?: number
  IPv6Gateway?: string
  GlobalIPv6Address?: string
  GlobalIPv6PrefixLen?: number
  MacAddress?: string
  DriverOpts?: Record<string, string> | null
}

export interface NetworkingConfig {
  EndpointsConfig?: Record<string, EndpointSettings>
}

export interface IPAMConfig {
  Subnet?: string
  IPRange?: string
  Gateway?: string
  AuxiliaryAddresses?: Record<string, string>
}

export interface IPAM {
  Driver?: string
  Config?: IPAMConfig[] | null
  Options?: Record<string, string> | null
}

export interface NetworkContainer {
  Name: string
  EndpointID: string
  MacAddress: string
  IPv4Address: string
  IPv6Address: string
}

/** `GET /networks` rows and `GET /networks/{id}`. */
export interface NetworkInspect {
  Name: string
  Id: string
  Created: string
  Scope: 'local' | 'global' | 'swarm'
  Driver: string
  EnableIPv6: boolean
  IPAM: IPAM
  Internal: boolean
  Attachable: boolean
  Ingress: boolean
  ConfigFrom?: { Network: string }
  ConfigOnly?: boolean
  Containers?: Record<string, NetworkContainer>
  Options: Record<string, string> | null
  Labels: Labels | null
}

/** Body of `POST /networks/create`. */
export interface NetworkCreateBody {
  Name: string
  CheckDuplicate?: boolean
  Driver?: string
  Internal?: boolean
  Attachable?: boolean
  Ingress?: boolean
  IPAM?: IPAM
  EnableIPv6?: boolean
  Options?: Record<string, string>
  Labels?: Labels
}

export interface NetworkCreateResponse {
  Id: string
  Warning: string
}

/** Body of `POST /networks/{id}/connect`. */
export interface NetworkConnectBody {
  Container: string
  EndpointConfig?: EndpointSettings
}
