/**
 * Service → Engine API container create body (API 1.41). Each attribute group lives in its own
 * `spec-*.ts` module; this file puts them together and collects warnings for attributes the
 * engine cannot honour (never silence). Pure: every engine-side fact (image ID, IDs of
 * referenced containers, anonymous volumes to inherit) comes in through the input.
 */
import type { ContainerCreateBody, MountPoint } from '../engine/types.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import type { ServiceContainerIds } from './hash.ts'
import { toConfig } from './spec-config.ts'
import { toHostSettings } from './spec-host.ts'
import { containerLabels, type ProjectLabels } from './spec-labels.ts'
import { toMounts, type InjectedFile } from './spec-mounts.ts'
import { toNetworking, type ExtraNetwork } from './spec-networks.ts'
import { toPorts } from './spec-ports.ts'
import { toResources } from './spec-resources.ts'
import { unsupportedWarnings } from './spec-unsupported.ts'
import { platformOption, servicePlatform } from './platform.ts'

export type { ExtraNetwork } from './spec-networks.ts'
export type { ProjectLabels } from './spec-labels.ts'

export interface CreateSpecInput {
  project: Project
  service: ServiceConfig
  /** Replica number (from 1). */
  number: number
  /** Final container name (aliases and the name label use it). */
  name: string
  /** ID of the image, for the `com.docker.compose.image` label. */
  imageId?: string
  /** IDs that `service:x` references resolve to. */
  refs: ServiceContainerIds
  /** Config hash computed with the same refs. */
  configHash: string
  /** Project-wide label values (working dir, config files, env files, version). */
  labels: ProjectLabels
  /** Mounts of the container this one replaces: anonymous volumes are re-mounted by name. */
  inherit?: readonly MountPoint[]
  /** Name of the container this one replaces (the `replace` label). */
  replaces?: string
}

export interface CreateSpec {
  /** Query `name` of the create call (may be a temporary name during recreation). */
  name: string
  /** Query `platform` of the create call. */
  platform?: string
  body: ContainerCreateBody
  /** Networks to connect after create (API < 1.44 takes one network at create). */
  extraNetworks: ExtraNetwork[]
  /** `content:`/`environment:` secrets and configs, copied in after create, before start. */
  files: InjectedFile[]
  warnings: string[]
}

export function toCreateSpec(input: CreateSpecInput, createName: string = input.name): CreateSpec {
  const { service } = input
  const warnings: string[] = unsupportedWarnings(service)
  const ports = toPorts(service)
  const networking = toNetworking(input, warnings)
  const mounts = toMounts(input, warnings)
  const body: ContainerCreateBody = {
    ...toConfig(service, warnings),
    // the name, as docker compose does (`docker ps` shows it); the image ID goes into the image label
    Image: imageRef(input),
    Labels: containerLabels(input),
    ExposedPorts: ports.exposed,
    ...networking.config,
    HostConfig: {
      ...toResources(service, warnings),
      ...toHostSettings(service, input.refs, warnings),
      ...mounts.host,
      PortBindings: ports.bindings,
      ...networking.host,
    },
    NetworkingConfig: networking.networking,
  }
  if (mounts.volumes !== undefined) body.Volumes = mounts.volumes
  return {
    name: createName,
    ...platformOption(servicePlatform(input.project, service)),
    body,
    extraNetworks: networking.extra,
    files: mounts.files,
    warnings: warnings.map((w) => `service "${service.name}": ${w}`),
  }
}

function imageRef(input: CreateSpecInput): string {
  return input.service.image ?? `${input.project.name}-${input.service.name}`
}
