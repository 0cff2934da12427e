/**
 * `extends` (compose-spec/compose-go:loader/extends.go, spec 05-services.md#extends): a service
 * starts from another one — in the same file (`extends: base`) or in another file
 * (`{service, file}`) — and merges its own definition over it with the merge rules of merge.ts
 * (`!reset`/`!override` included). Chains are followed; cycles are reported with the chain.
 * Relative paths of a base read from another file were already rebased by the file loader.
 */
import { isAbsolute, join } from 'node:path'
import { problem, ProblemError, problemsFromError, type LoadProblem } from './_problems.ts'
import { mergeLocated } from './merge.ts'
import { isMapping, locatedChild, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import type { PathSegment } from './types.ts'

export type LocatedServices = Located<Record<string, unknown>>

export interface ExtendsContext {
  /** Directory that a relative `extends.file` of the file being processed is relative to. */
  workingDir: string
  /** Services of another compose file (interpolated, relative paths rebased), for `extends.file`. */
  loadServices(file: string): Promise<LocatedServices>
}

interface Frame {
  file: string
  service: string
}

/** Resolves every `extends` of `services` (defined in `file`). Problems are pushed, not thrown. */
export async function applyExtends(services: LocatedServices, file: string, ctx: ExtendsContext, problems: LoadProblem[]): Promise<LocatedServices> {
  const memo = new Map<string, Promise<Located | undefined>>()
  const value: Record<string, unknown> = {}
  const children = new Map<PathSegment, SourceNode>(services.src?.children ?? [])
  for (const name of Object.keys(services.value)) {
    const resolved = await resolveService(name, services, file, [], ctx, memo, problems)
    const out = resolved ?? locatedChild(services, name)
    value[name] = out.value
    if (out.src !== undefined) children.set(name, out.src)
  }
  return { value, src: sourceNode(services.src?.loc, children) }
}

async function resolveService(
  name: string,
  services: LocatedServices,
  file: string,
  chain: readonly Frame[],
  ctx: ExtendsContext,
  memo: Map<string, Promise<Located | undefined>>,
  problems: LoadProblem[],
): Promise<Located | undefined> {
  if (chain.some((f) => f.file === file && f.service === name)) {
    const [first, ...rest] = [...chain, { file, service: name }]
    const lines = ['Circular reference:', `  ${first?.service} in ${first?.file}`, ...rest.map((f) => `  extends ${f.service} in ${f.file}`)]
    const service = locatedChild(services, name)
    problems.push(problem('LOAD_CYCLE', lines.join('\n'), locate(sourceChild(service.src, 'extends'), undefined, name)))
    return undefined
  }
  const key = `${file}\u0000${name}`
  const cached = memo.get(key)
  if (cached !== undefined) return cached
  const work = resolveUncached(name, services, file, chain, ctx, memo, problems)
  memo.set(key, work)
  return work
}

async function resolveUncached(
  name: string,
  services: LocatedServices,
  file: string,
  chain: readonly Frame[],
  ctx: ExtendsContext,
  memo: Map<string, Promise<Located | undefined>>,
  problems: LoadProblem[],
): Promise<Located | undefined> {
  const service = locatedChild(services, name)
  if (service.value === null || service.value === undefined) return service
  if (!isMapping(service.value)) return service
  const ext = service.value['extends']
  if (ext === undefined) return service
  const at = (seg?: string): ReturnType<typeof locate> => locate(sourceChild(service.src, 'extends'), seg, name)
  let ref: string
  let baseFile: string | undefined
  if (typeof ext === 'string') ref = ext
  else if (isMapping(ext) && typeof ext['service'] === 'string') {
    ref = ext['service']
    if (typeof ext['file'] === 'string') baseFile = isAbsolute(ext['file']) ? ext['file'] : join(ctx.workingDir, ext['file'])
  } else {
    problems.push(problem('LOAD_EXTENDS', `extends.${name}.service is required`, at('service')))
    return undefined
  }
  let baseServices = services
  if (baseFile !== undefined) {
    try {
      baseServices = await ctx.loadServices(baseFile)
    } catch (error) {
      problems.push(...problemsFromError(error, 'LOAD_EXTENDS').map((p) => (p.source === undefined ? { ...p, ...withSource(at('file')) } : p)))
      return undefined
    }
  }
  if (!Object.hasOwn(baseServices.value, ref)) {
    const where = baseFile === undefined ? '' : ` in ${baseFile}`
    problems.push(problem('LOAD_EXTENDS', `cannot extend service "${name}" in ${file}: service "${ref}" not found${where}`, at('service'),
      `services defined there: ${Object.keys(baseServices.value).sort().join(', ') || 'none'}`))
    return undefined
  }
  const base = await resolveService(ref, baseServices, baseFile ?? file, [...chain, { file, service: name }], ctx, memo, problems)
  if (base === undefined) return undefined
  const own = withoutExtends(service as Located<Record<string, unknown>>)
  if (base.value === null || base.value === undefined) return own
  try {
    return withoutExtends(mergeLocated(base, own, ['services', name]) as Located<Record<string, unknown>>)
  } catch (error) {
    if (error instanceof ProblemError) {
      problems.push(error.problem)
      return undefined
    }
    throw error
  }
}

function withoutExtends(l: Located<Record<string, unknown>>): Located<Record<string, unknown>> {
  if (!isMapping(l.value) || !('extends' in l.value)) return l
  const { extends: _dropped, ...value } = l.value
  const children = new Map(l.src?.children ?? [])
  children.delete('extends')
  return { value, src: sourceNode(l.src?.loc, children) }
}

function locate(node: SourceNode | undefined, seg: string | undefined, service: string) {
  const loc = (seg === undefined ? undefined : sourceChild(node, seg)?.loc) ?? node?.loc
  return loc && { ...loc, path: `services.${service}.extends${seg === undefined ? '' : `.${seg}`}` }
}

function withSource(source: ReturnType<typeof locate>): { source?: NonNullable<ReturnType<typeof locate>> } {
  return source === undefined ? {} : { source }
}
