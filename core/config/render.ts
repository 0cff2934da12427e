/**
 * `compose config` as pure functions: the normalized project rendered as docker compose prints
 * it, and the listing variants (`--services`, `--volumes`, `--hash`, ...). Each returns the
 * text to print (lines end with `\n`); the CLI writes it to stdout or to `-o FILE`.
 */
import type { Project, ServiceConfig } from '../model/project.ts'
import { imageName } from '../converge/naming.ts'
import type { RawModel } from '../loader/types.ts'
import { goJson } from './go-json.ts'
import { serviceConfigHash } from './hash.ts'
import { toDocument, type Format } from './to-document.ts'
import { extractVariables } from './variables.ts'
import { toGoYaml } from './yaml-style.ts'

export type { Format }

export interface RenderOptions {
  format?: Format
  /**
   * The model was interpolated (the default): docker compose then escapes every `$` as `$$`
   * so that the output can be loaded again.
   */
  interpolated?: boolean
  /** Drop `env_file` once folded into `environment` (docker compose `config` does). */
  discardEnvFiles?: boolean
}

function lines(items: readonly string[]): string {
  return items.map((item) => `${item}\n`).join('')
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `docker compose config [--format json]`. */
export function renderConfig(project: Project, options: RenderOptions = {}): string {
  const format = options.format ?? 'yaml'
  let source = project
  if (options.discardEnvFiles) {
    const services: Record<string, ServiceConfig> = {}
    for (const [name, service] of Object.entries(project.services)) {
      const { env_file: _envFile, ...rest } = service
      services[name] = rest as ServiceConfig
    }
    source = { ...project, services }
  }
  const document = toDocument(source, format)
  const text = format === 'json' ? goJson(document, '  ') : toGoYaml(document)
  const out = options.interpolated === false ? text : text.replace(/\$/g, '$$$$')
  return format === 'json' ? out : out
}

/** Go's map ordering for a raw model: every mapping sorted by key, at every level. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort(compareKeys)
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/** `config --no-interpolate`: the normalized raw model (see `normalizeRawModel`), keys sorted. */
export function renderRawModel(model: RawModel, format: Format = 'yaml'): string {
  const sorted = sortDeep(model)
  return format === 'json' ? goJson(sorted, '  ') : toGoYaml(sorted)
}

/** Services in dependency order (dependencies first, names sorted at each step), as compose walks them. */
export function serviceNamesInDependencyOrder(project: Project): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    const service = project.services[name]
    if (service === undefined) return
    for (const dep of Object.keys(service.depends_on ?? {}).sort(compareKeys)) visit(dep)
    out.push(name)
  }
  for (const name of Object.keys(project.services).sort(compareKeys)) visit(name)
  return out
}

/** `config --services`. */
export function renderServices(project: Project): string {
  return lines(serviceNamesInDependencyOrder(project))
}

/** `config --volumes`. */
export function renderVolumes(project: Project): string {
  return lines(Object.keys(project.volumes).sort(compareKeys))
}

/** `config --networks`. */
export function renderNetworks(project: Project): string {
  return lines(Object.keys(project.networks).sort(compareKeys))
}

/** `config --models`: the model references. */
export function renderModels(project: Project): string {
  return lines(Object.values(project.models ?? {}).map((m) => m.model).filter((m) => m !== ''))
}

/** `config --profiles`: every profile of enabled and disabled services, sorted. */
export function renderProfiles(project: Project): string {
  const all = [...Object.values(project.services), ...Object.values(project.disabledServices ?? {})]
  return lines([...new Set(all.flatMap((s) => s.profiles ?? []))].sort(compareKeys))
}

/** `config --images`: each service image, then its `pre_start` hook images. */
export function renderImages(project: Project): string {
  const out: string[] = []
  for (const name of Object.keys(project.services).sort(compareKeys)) {
    const service = project.services[name] as ServiceConfig
    const image = imageName(project, service)
    out.push(image)
    for (const hook of service.pre_start ?? []) {
      if (hook.image !== undefined && hook.image !== '' && hook.image !== image) out.push(hook.image)
    }
  }
  return lines(out)
}

/** `config --hash "*"` or `--hash a,b`: `service hash` per line, in dependency order. */
export function renderHashes(project: Project, selection: string): string {
  const wanted = selection === '*' ? undefined : new Set(selection.split(',').map((s) => s.trim()))
  return lines(
    serviceNamesInDependencyOrder(project)
      .filter((name) => wanted === undefined || wanted.has(name))
      .map((name) => `${name} ${serviceConfigHash(project.services[name] as ServiceConfig)}`),
  )
}

/** `config --environment`: the interpolation environment as sorted `KEY=value` lines. */
export function renderEnvironment(project: Project): string {
  return lines(Object.entries(project.environment ?? {}).map(([k, v]) => `${k}=${v}`).sort(compareKeys))
}

/** `config --variables [--format json|yaml]`; the default is docker compose's table. */
export function renderVariables(model: RawModel, format?: Format | 'table'): string {
  const variables = extractVariables(model)
  if (format === 'json') return `${goJson(variables, '    ')}\n`
  if (format === 'yaml') {
    const doc = Object.fromEntries(
      Object.entries(variables).map(([k, v]) => [k, { name: v.Name, defaultvalue: v.DefaultValue, presencevalue: v.PresenceValue, required: v.Required }]),
    )
    return toGoYaml(doc).replace(/^( {2})(\S)/gm, '    $2')
  }
  const rows = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE']]
  for (const v of Object.values(variables)) rows.push([v.Name, String(v.Required), v.DefaultValue, v.PresenceValue])
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return lines(rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd()))
}
