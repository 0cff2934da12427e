/**
 * Profiles (compose-spec/compose-go:types/project.go WithProfiles/WithServicesEnabled,
 * graph/services.go; spec 15-profiles.md): a service without `profiles` is always active, others
 * when one of their profiles is (`*` activates all). Services named on the command line are
 * activated together with their profiles. An active service may not depend on a disabled one,
 * unless the `depends_on` entry says `required: false` (then the edge is dropped).
 */
import { problem, type LoadProblem } from './_problems.ts'
import { isMapping, locatedChild, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import { formatPath, type PathSegment, type RawModel } from './types.ts'

export interface ProfilesOptions {
  /** `--profile` values, else COMPOSE_PROFILES split on commas. */
  profiles: readonly string[]
  /** Services named on the command line: enabled with their profiles. */
  services?: readonly string[]
}

export interface ProfilesResult {
  /** The model with only the active services. */
  model: Located<RawModel>
  /** Active profiles (the requested ones plus those of services named on the command line). */
  profiles: string[]
  /** Disabled services, by name, as they were defined. */
  disabled: Record<string, unknown>
  problems: LoadProblem[]
}

/** The profiles a COMPOSE_PROFILES value lists. */
export function parseProfilesList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
}

export function applyProfiles(model: Located<RawModel>, options: ProfilesOptions): ProfilesResult {
  const services = locatedChild(model, 'services')
  const defs = isMapping(services.value) ? services.value : {}
  const problems: LoadProblem[] = []
  const profiles = [...new Set(options.profiles.map((p) => p.trim()).filter((p) => p !== ''))]
  const isActive = (def: unknown): boolean => {
    const own = isMapping(def) && Array.isArray(def['profiles']) ? def['profiles'] : []
    return own.length === 0 || profiles.includes('*') || own.some((p) => profiles.includes(String(p)))
  }
  for (const name of options.services ?? []) {
    if (!Object.hasOwn(defs, name)) {
      problems.push(problem('LOAD_PROFILE', `no such service: ${name}`))
      continue
    }
    const def = defs[name]
    if (isActive(def)) continue
    for (const p of isMapping(def) && Array.isArray(def['profiles']) ? def['profiles'] : []) if (!profiles.includes(String(p))) profiles.push(String(p))
  }
  const active: Record<string, unknown> = {}
  const activeSrc = new Map<PathSegment, SourceNode>()
  const disabled: Record<string, unknown> = {}
  for (const [name, def] of Object.entries(defs)) {
    if (!isActive(def)) {
      disabled[name] = def
      continue
    }
    const checked = checkDependencies(name, { value: def, src: sourceChild(services.src, name) }, defs, isActive, problems)
    active[name] = checked.value
    if (checked.src !== undefined) activeSrc.set(name, checked.src)
  }
  if (!isMapping(services.value)) return { model, profiles, disabled, problems }
  const children = new Map<PathSegment, SourceNode>(model.src?.children ?? [])
  children.set('services', sourceNode(services.src?.loc, activeSrc))
  return { model: { value: { ...model.value, services: active }, src: sourceNode(model.src?.loc, children) }, profiles, disabled, problems }
}

const SERVICE_NAMESPACES = ['network_mode', 'ipc', 'pid', 'uts', 'cgroup'] as const

function checkDependencies(
  name: string,
  service: Located,
  defs: Record<string, unknown>,
  isActive: (def: unknown) => boolean,
  problems: LoadProblem[],
): Located {
  if (!isMapping(service.value)) return service
  const isDisabled = (dep: string): boolean => Object.hasOwn(defs, dep) && !isActive(defs[dep])
  const report = (dep: string, path: PathSegment[]): void => {
    const def = defs[dep]
    const profiles = isMapping(def) && Array.isArray(def['profiles']) ? def['profiles'].map(String) : []
    let node = service.src
    for (const seg of path) node = sourceChild(node, seg) ?? node
    const loc = node?.loc && { ...node.loc, path: formatPath(['services', name, ...path]) }
    problems.push(problem('LOAD_PROFILE', `service "${dep}" is required by "${name}" but is disabled. Can be enabled by profiles [${profiles.join(' ')}]`, loc,
      `activate one of its profiles with --profile ${profiles[0] ?? '<name>'} (or COMPOSE_PROFILES)`))
  }
  let result = service as Located<Record<string, unknown>>
  const deps = service.value['depends_on']
  if (Array.isArray(deps)) {
    deps.forEach((dep, i) => typeof dep === 'string' && isDisabled(dep) && report(dep, ['depends_on', i]))
  } else if (isMapping(deps)) {
    const kept: Record<string, unknown> = {}
    for (const [dep, cond] of Object.entries(deps)) {
      if (!isDisabled(dep)) kept[dep] = cond
      else if (isMapping(cond) && cond['required'] === false) continue
      else {
        report(dep, ['depends_on', dep])
        kept[dep] = cond
      }
    }
    if (Object.keys(kept).length !== Object.keys(deps).length) result = { value: { ...service.value, depends_on: kept }, src: service.src }
  }
  for (const key of SERVICE_NAMESPACES) {
    const v = service.value[key]
    if (typeof v === 'string' && v.startsWith('service:') && isDisabled(v.slice('service:'.length))) report(v.slice('service:'.length), [key])
  }
  const links = service.value['links']
  if (Array.isArray(links)) links.forEach((l, i) => typeof l === 'string' && isDisabled(l.split(':')[0] ?? '') && report(l.split(':')[0] ?? '', ['links', i]))
  const from = service.value['volumes_from']
  if (Array.isArray(from)) {
    from.forEach((v, i) => {
      if (typeof v !== 'string' || v.startsWith('container:')) return
      const dep = v.split(':')[0] ?? ''
      if (isDisabled(dep)) report(dep, ['volumes_from', i])
    })
  }
  return result
}
