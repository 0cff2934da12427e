/**
 * Realistic arguments for every hook, built from a loaded project: what the conformance check
 * hands each handler, and what a plugin test can use to call one handler directly.
 */
import type { ComposeProject } from '../../adapters/lib/index.ts'
import { Plan, type ComposeHooks, type ContainerCreateDraft } from '../../core/index.ts'
import { toCreateSpec } from '../../core/converge/create-spec.ts'
import { serviceHash } from '../../core/converge/hash.ts'
import { nodeFs } from '../../core/loader/_node-fs.ts'
import type { LoadReporter } from '../../core/loader/drafts.ts'
import type { SourceMap } from '../../core/loader/types.ts'
import type { ServiceConfig } from '../../core/model/project.ts'
import type { HookArgs } from '../../core/plugin/types.ts'

/** Partial so a new hook does not break plugin tests; the kit's own test checks every hook has one. */
export type SampleArgs = { [K in keyof ComposeHooks]?: HookArgs<ComposeHooks[K]> }

/** What the sample drafts' `report`/`warn` collected. */
export interface SampleReports {
  problems: string[]
  warnings: string[]
}

const noSources: SourceMap = { locate: () => undefined }

/** A `container:create` draft for one service of a loaded project, as the core builds it. */
export function containerCreateDraft(project: ComposeProject, serviceName: string, number = 1): ContainerCreateDraft {
  const p = project.project
  const service = p.services[serviceName] as ServiceConfig | undefined
  if (service === undefined) throw new Error(`containerCreateDraft: no service "${serviceName}" in ${p.name}`)
  const name = `${p.name}-${serviceName}-${number}`
  const spec = toCreateSpec({ project: p, service, number, name, refs: {}, configHash: serviceHash(service, {}), labels: { configFiles: project.load.files } })
  return { project: p, service, number, spec }
}

/** One argument list per hook. Hooks about a container use the project's first service (if any). */
export function sampleHookArgs(project: ComposeProject, reports: SampleReports = { problems: [], warnings: [] }): SampleArgs {
  const p = project.project
  const reporter: LoadReporter = {
    report: (code, message) => void reports.problems.push(`${code}: ${message}`),
    warn: (message) => void reports.warnings.push(message),
  }
  const services = Object.keys(p.services)
  const first = services[0]
  const model = structuredClone(project.load.model)
  const env = { ...project.load.environment }
  const ref = { project: p.name, service: first ?? 'none', id: '0'.repeat(64), name: `${p.name}-${first ?? 'none'}-1` }
  const done = { project: p.name, command: 'up', plan: new Plan() }
  const create: ContainerCreateDraft =
    first === undefined
      ? { project: p, service: { name: 'none' } as ServiceConfig, number: 1, spec: { name: `${p.name}-none-1`, body: { Image: 'busybox:latest', Labels: {} }, extraNetworks: [], files: [], warnings: [] } }
      : containerCreateDraft(project, first)
  return {
    'engine:request': [{ method: 'GET', path: '/containers/json', query: { all: true } }],
    'engine:responded': [{ method: 'GET', path: '/containers/json', status: 200, headers: {} }],
    'load:environment': [{ ...reporter, scope: 'project', env, workingDir: project.load.workingDir, envFiles: undefined, fs: nodeFs }],
    'load:files': [{ files: [...project.load.files], workingDir: project.load.workingDir, env }],
    'load:parsed': [{ ...reporter, file: project.load.files[0] ?? '-', model: structuredClone(model), sources: noSources }],
    'load:interpolate': [{ ...reporter, file: project.load.files[0] ?? '-', model: structuredClone(model), env, sources: noSources }],
    'load:merged': [{ ...reporter, scope: 'project', model: structuredClone(model), sources: noSources, env, workingDir: project.load.workingDir, fs: nodeFs, resolveEnvironment: true }],
    'load:resolved': [p],
    'plan:prepare': [{ project: p, services, replicas: Object.fromEntries(services.map((s) => [s, 1])), scale: {} }],
    'plan:create': [{ project: p, command: 'up', plan: new Plan() }],
    'container:create': [create],
    'container:created': [ref],
    'container:start': [{ client: project.client, project: p, ...(first === undefined ? {} : { service: p.services[first] }), serviceName: ref.service, id: ref.id, name: ref.name, cause: 'up' }],
    'container:stop': [{ client: project.client, project: p, ...(first === undefined ? {} : { service: p.services[first] }), serviceName: ref.service, id: ref.id, name: ref.name, cause: 'down' }],
    'container:started': [ref],
    'container:stopped': [ref],
    'container:removed': [ref],
    'service:ready': [{ client: project.client, project: p, service: first ?? 'none', condition: 'service_started', containers: [] }],
    'project:up': [done],
    'project:down': [done],
  }
}
