/**
 * Cross-reference checks on the normalized project (compose-go `loader/validate.go`
 * checkConsistency), collecting every problem instead of stopping at the first: undefined
 * networks/volumes/secrets/configs/models/services, depends_on cycles (with the chain),
 * mutually exclusive attributes, container_name with several replicas, duplicate mount targets.
 */
import type { ComposeIssue } from '../errors.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { formatPath, type ModelPath, type SourceMap } from './types.ts'
import { sortIssues } from './validate.ts'

type Report = (path: ModelPath, message: string) => void

export function checkConsistency(project: Project, sources: SourceMap): ComposeIssue[] {
  const issues: ComposeIssue[] = []
  const report: Report = (path, message) => {
    let source: ReturnType<SourceMap['locate']>
    try {
      source = sources.locate(path)
    } catch {
      source = undefined
    }
    const dotted = formatPath(path)
    issues.push({ message, path: dotted, ...(source === undefined ? {} : { source: { ...source, path: dotted } }) })
  }
  for (const name of Object.keys(project.services).sort()) {
    checkService(project, project.services[name] as ServiceConfig, report)
  }
  for (const [name, secret] of Object.entries(project.secrets)) {
    if (secret.external !== true && secret.file === undefined && secret.environment === undefined) {
      report(['secrets', name], `secret "${name}" must declare either \`file\` or \`environment\``)
    }
  }
  for (const cycle of findCycles(project)) {
    report(['services', cycle[0] as string, 'depends_on'], `dependency cycle detected: ${cycle.join(' -> ')}`)
  }
  return sortIssues(issues)
}

function checkService(project: Project, s: ServiceConfig, report: Report): void {
  const at = (...rest: (string | number)[]): ModelPath => ['services', s.name, ...rest]
  if (s.build === undefined && (s.image === undefined || s.image === '') && s.provider === undefined) {
    report(at(), `service "${s.name}" has neither an image nor a build context specified`)
  }
  if (s.build !== undefined) {
    if (s.build.dockerfile_inline !== undefined && s.build.dockerfile !== undefined && s.build.dockerfile !== '') {
      report(at('build'), `service "${s.name}" declares mutually exclusive dockerfile and dockerfile_inline`)
    }
    for (const [key, context] of Object.entries(s.build.additional_contexts ?? {})) {
      if (!context.startsWith('service:')) continue
      const target = project.services[context.slice('service:'.length)]
      if (target === undefined) report(at('build', 'additional_contexts', key), `service "${s.name}" declares unknown service "${context.slice(8)}" as additional contexts ${key}`)
      else if (target.build === undefined) report(at('build', 'additional_contexts', key), `service "${s.name}" declares non-buildable service "${target.name}" as additional contexts ${key}`)
    }
    const platforms = s.build.platforms ?? []
    if (platforms.length > 0 && s.platform !== undefined && !platforms.includes(s.platform)) {
      report(at('build', 'platforms'), `service.build.platforms MUST include service.platform "${s.platform}"`)
    }
    for (const [i, secret] of (s.build.secrets ?? []).entries()) {
      if (!(secret.source in project.secrets)) report(at('build', 'secrets', i), `service "${s.name}" refers to undefined build secret ${secret.source}`)
    }
  }
  if (s.network_mode !== undefined && s.networks !== undefined && Object.keys(s.networks).length > 0) {
    report(at('network_mode'), `service ${s.name} declares mutually exclusive \`network_mode\` and \`networks\``)
  }
  for (const network of Object.keys(s.networks ?? {})) {
    if (!(network in project.networks)) report(at('networks', network), `service "${s.name}" refers to undefined network ${network}`)
  }
  const test = s.healthcheck?.test
  if (test !== undefined && test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0] as string)) {
    report(at('healthcheck', 'test'), 'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"')
  }
  for (const [dep, cfg] of Object.entries(s.depends_on ?? {})) {
    if (dep in project.services) continue
    if (project.disabledServices !== undefined && dep in project.disabledServices && !cfg.required) continue
    report(at('depends_on', dep), `service "${s.name}" depends on undefined service "${dep}"`)
  }
  for (const [attr, ref] of [['network_mode', s.network_mode], ['ipc', s.ipc], ['pid', s.pid]] as const) {
    if (ref?.startsWith('service:') && !(ref.slice(8) in project.services)) {
      report(at(attr), `service "${ref.slice(8)}" not found for ${attr} '${ref}'`)
    }
  }
  for (const [i, v] of (s.volumes ?? []).entries()) {
    if (v.type === 'volume' && v.source !== undefined && v.source !== '' && !(v.source in project.volumes)) {
      report(at('volumes', i), `service "${s.name}" refers to undefined volume ${v.source}`)
    }
  }
  for (const [i, c] of (s.configs ?? []).entries()) {
    if (!(c.source in project.configs)) report(at('configs', i), `service "${s.name}" refers to undefined config ${c.source}`)
  }
  for (const [i, c] of (s.secrets ?? []).entries()) {
    if (!(c.source in project.secrets)) report(at('secrets', i), `service "${s.name}" refers to undefined secret ${c.source}`)
  }
  for (const model of Object.keys(s.models ?? {})) {
    if (!(model in (project.models ?? {}))) report(at('models', model), `service "${s.name}" refers to undefined model ${model}`)
  }
  checkResources(s, report, at)
  const scale = s.scale ?? s.deploy?.replicas ?? 1
  if (scale > 1 && s.container_name !== undefined && s.container_name !== '') {
    const attr = s.scale === undefined ? 'deploy.replicas' : 'scale'
    report(at('container_name'), `services.${s.name}: can't set container_name and ${attr} as container name must be unique`)
  }
  for (const [i, watch] of (s.develop?.watch ?? []).entries()) {
    if ((watch.target === undefined || watch.target === '') && watch.action !== 'rebuild' && watch.action !== 'restart') {
      report(at('develop', 'watch', i), `services.${s.name}.develop.watch: target is required for non-rebuild actions`)
    }
  }
  const mounts = new Map<string, string>()
  for (const [i, tmpfs] of (s.tmpfs ?? []).entries()) {
    const path = tmpfs.split(':')[0] as string
    const loc = `services.${s.name}.tmpfs[${i}]`
    const previous = mounts.get(path)
    if (previous !== undefined) report(at('tmpfs', i), `${loc}: target ${path} already mounted as ${previous}`)
    else mounts.set(path, loc)
  }
  for (const [i, v] of (s.volumes ?? []).entries()) {
    const loc = `services.${s.name}.volumes[${i}]`
    const previous = mounts.get(v.target)
    if (previous !== undefined) report(at('volumes', i), `${loc}: target ${v.target} already mounted as ${previous}`)
    else mounts.set(v.target, loc)
  }
}

function checkResources(s: ServiceConfig, report: Report, at: (...rest: (string | number)[]) => ModelPath): void {
  const d = s.deploy
  if (s.scale !== undefined && s.scale < 0) report(at('scale'), `services.${s.name}.scale: must be greater than or equal to 0`)
  if (d?.replicas !== undefined && d.replicas < 0) report(at('deploy', 'replicas'), `services.${s.name}.deploy.replicas: must be greater than or equal to 0`)
  if (d === undefined) return
  const distinct = (attr: string, deployAttr: string, path: ModelPath): void =>
    report(path, `services.${s.name}: can't set distinct values on '${attr}' and '${deployAttr}'`)
  if (s.scale !== undefined && d.replicas !== undefined && s.scale !== d.replicas) distinct('scale', 'deploy.replicas', at('scale'))
  const limits = d.resources?.limits
  const reservations = d.resources?.reservations
  if (s.cpus && limits !== undefined && limits.cpus !== s.cpus) distinct('cpus', 'deploy.resources.limits.cpus', at('cpus'))
  if (s.mem_limit && limits !== undefined && limits.memory !== s.mem_limit) distinct('mem_limit', 'deploy.resources.limits.memory', at('mem_limit'))
  if (s.mem_reservation && reservations !== undefined && reservations.memory !== s.mem_reservation) {
    distinct('mem_reservation', 'deploy.resources.reservations.memory', at('mem_reservation'))
  }
  if (s.pids_limit && limits !== undefined && limits.pids !== s.pids_limit) distinct('pids_limit', 'deploy.resources.limits.pids', at('pids_limit'))
}

/** Each depends_on cycle once, as the chain `a -> b -> c -> a` (services visited in name order). */
export function findCycles(project: Project): string[][] {
  const cycles: string[][] = []
  const done = new Set<string>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const visit = (name: string): void => {
    if (done.has(name)) return
    if (onStack.has(name)) {
      cycles.push([...stack.slice(stack.indexOf(name)), name])
      return
    }
    const service = project.services[name]
    if (service === undefined) return
    stack.push(name)
    onStack.add(name)
    for (const dep of Object.keys(service.depends_on ?? {}).sort()) visit(dep)
    stack.pop()
    onStack.delete(name)
    done.add(name)
  }
  for (const name of Object.keys(project.services).sort()) visit(name)
  return cycles
}
