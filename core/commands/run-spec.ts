/**
 * The one-off container of `run` (compose-features.md 4.13), pure: the service with the run
 * flags applied, its name `<project>-<service>-run-<12 hex>`, and the create spec labelled
 * `oneoff=True` with the slug and without a container number.
 */
import { toCreateSpec, type CreateSpec } from '../converge/create-spec.ts'
import { serviceHash, type ServiceContainerIds } from '../converge/hash.ts'
import { CONTAINER_NUMBER_LABEL, isComposeLabel, ONEOFF_LABEL, SLUG_LABEL } from '../converge/labels.ts'
import { separator, type Naming } from '../converge/naming.ts'
import type { ProjectLabels } from '../converge/spec-labels.ts'
import { ComposeError } from '../errors.ts'
import { parsePortSpec } from '../loader/normalize/ports.ts'
import { splitShellWords } from '../loader/normalize/shell-words.ts'
import { parseVolumeSpec } from '../loader/normalize/volumes.ts'
import type { Project, ServicePortConfig, ServiceConfig, ServiceVolumeConfig } from '../model/project.ts'
import { envListToMap } from './_env.ts'

/** The run flags that shape the container. */
export interface OneOffOptions {
  /** Command and arguments (default: the service's command). */
  command?: string[]
  /** `--entrypoint` (a shell-like string, split into words). */
  entrypoint?: string
  /** `--name` */
  name?: string
  /** `-e KEY=VAL` (a bare KEY takes the project environment's value). */
  env?: string[]
  /** `-l KEY=VAL` */
  labels?: string[]
  /** `-u` */
  user?: string
  /** `-w` */
  workdir?: string
  /** `-v SPEC` short syntax. */
  volumes?: string[]
  /** `-p SPEC` short syntax. */
  publish?: string[]
  /** `-P, --service-ports`: keep the service's ports. */
  servicePorts?: boolean
  /** `--use-aliases`: the service name and its aliases on the networks. */
  useAliases?: boolean
  capAdd?: string[]
  capDrop?: string[]
  /** Allocate a TTY. */
  tty?: boolean
  /** Keep stdin open (`-i`, default true). */
  interactive?: boolean
  /** Attached run (stdin closes with the caller's EOF), as opposed to `-d`. */
  attached?: boolean
  /** `--rm` */
  rm?: boolean
}

/** A random 64-hex slug (docker compose: stringid.GenerateRandomID). */
export function newSlug(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export function oneOffName(project: Naming, service: string, slug: string): string {
  const sep = separator(project)
  return `${project.name}${sep}${service}${sep}run${sep}${slug.slice(0, 12)}`
}

function usage(flag: string, spec: string, cause: unknown): ComposeError {
  return new ComposeError('CLI_USAGE', `invalid ${flag} "${spec}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
}

function volume(spec: string, workingDir: string | undefined): ServiceVolumeConfig {
  let parsed: ServiceVolumeConfig
  try {
    parsed = parseVolumeSpec(spec)
  } catch (error) {
    throw usage('--volume', spec, error)
  }
  if (parsed.type === 'bind' && parsed.source !== undefined && parsed.source.startsWith('.') && workingDir !== undefined) {
    parsed = { ...parsed, source: `${workingDir.replace(/\/$/, '')}/${parsed.source.replace(/^\.\/?/, '')}`.replace(/\/$/, '') }
  }
  return parsed
}

function ports(specs: readonly string[]): ServicePortConfig[] {
  return specs.flatMap((spec) => {
    try {
      return parsePortSpec(spec)
    } catch (error) {
      throw usage('--publish', spec, error)
    }
  })
}

/** The service as the one-off container runs it. */
export function oneOffService(project: Project, service: ServiceConfig, options: OneOffOptions): ServiceConfig {
  const env = envListToMap(options.env ?? [], project.environment ?? {})
  const out: ServiceConfig = { ...service, scale: 1 }
  delete out.restart
  if (service.deploy !== undefined) {
    out.deploy = { ...service.deploy }
    delete out.deploy.restart_policy
  }
  const publish = ports(options.publish ?? [])
  out.ports = options.servicePorts === true ? [...(service.ports ?? []), ...publish] : publish
  if (options.entrypoint !== undefined) {
    out.entrypoint = splitShellWords(options.entrypoint)
    out.command = options.command !== undefined && options.command.length > 0 ? options.command : null
  } else if (options.command !== undefined && options.command.length > 0) {
    out.command = options.command
  }
  if (Object.keys(env).length > 0) out.environment = { ...(service.environment ?? {}), ...env }
  if (options.user !== undefined) out.user = options.user
  if (options.workdir !== undefined) out.working_dir = options.workdir
  if ((options.volumes ?? []).length > 0) out.volumes = [...(service.volumes ?? []), ...(options.volumes ?? []).map((v) => volume(v, project.workingDir))]
  const capAdd = options.capAdd ?? []
  const capDrop = options.capDrop ?? []
  if (capAdd.length > 0 || capDrop.length > 0) {
    out.cap_add = [...new Set([...(service.cap_add ?? []), ...capAdd])].filter((c) => !capDrop.includes(c))
    out.cap_drop = [...new Set([...(service.cap_drop ?? []), ...capDrop])].filter((c) => !capAdd.includes(c))
  }
  out.tty = options.tty === true
  out.stdin_open = options.interactive !== false
  if (options.name !== undefined) out.container_name = options.name
  return out
}

export interface OneOffSpecInput {
  project: Project
  /** The service with the run flags applied (oneOffService). */
  service: ServiceConfig
  name: string
  slug: string
  refs: ServiceContainerIds
  labels: ProjectLabels
  imageId?: string
  options: OneOffOptions
}

export function oneOffSpec(input: OneOffSpecInput): CreateSpec {
  const { service, options } = input
  const spec = toCreateSpec({
    project: input.project,
    service,
    number: 1,
    name: input.name,
    ...(input.imageId === undefined ? {} : { imageId: input.imageId }),
    refs: input.refs,
    configHash: serviceHash(service, input.refs),
    labels: input.labels,
  })
  const body = spec.body
  const labels: Record<string, string> = {}
  for (const entry of options.labels ?? []) {
    const eq = entry.indexOf('=')
    const key = eq < 0 ? entry : entry.slice(0, eq)
    if (!isComposeLabel(key)) labels[key] = eq < 0 ? '' : entry.slice(eq + 1)
  }
  body.Labels = { ...labels, ...body.Labels, [ONEOFF_LABEL]: 'True', [SLUG_LABEL]: input.slug }
  delete body.Labels[CONTAINER_NUMBER_LABEL]
  const stdin = options.interactive !== false
  const attached = options.attached !== false
  body.Tty = options.tty === true
  body.OpenStdin = stdin
  body.AttachStdin = stdin && attached
  body.StdinOnce = stdin && attached
  body.AttachStdout = attached
  body.AttachStderr = attached
  if (options.rm === true) body.HostConfig = { ...body.HostConfig, AutoRemove: true }
  if (options.useAliases !== true) {
    for (const endpoint of Object.values(body.NetworkingConfig?.EndpointsConfig ?? {})) endpoint.Aliases = [input.name]
    for (const extra of spec.extraNetworks) extra.endpoint.Aliases = [input.name]
  }
  return spec
}
