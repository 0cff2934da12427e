/**
 * `include` (compose-spec/compose-go:loader/include.go, spec 14-include.md): each entry — a path,
 * or `{path: string|list, project_directory, env_file: string|list}` — is loaded as a project of
 * its own (its own directory and environment), then its services, networks, volumes, secrets,
 * configs and models are copied in. Cycles are reported with the chain of files. Two includes
 * defining the same resource differently are a conflict; a definition in the including file
 * itself is merged over the included one (as compose-go does, `!override`/`!reset` apply).
 */
import { dirname, isAbsolute, join } from 'node:path'
import type { SourceLocation } from '../errors.ts'
import { problem, ProblemError, problemsFromError, type LoadProblem } from './_problems.ts'
import type { LoaderFs } from './drafts.ts'
import { mergeLocated } from './merge.ts'
import { isMapping, locatedChild, sourceChild, sourceNode, type Located, type SourceNode } from './source-map.ts'
import type { PathSegment, RawModel } from './types.ts'

export const IMPORTED_KINDS = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const

export interface IncludeSpec {
  /** Absolute paths: the first is the main file, the others override it. */
  paths: string[]
  /** Absolute; the included project's working directory. */
  projectDirectory: string
  /** Absolute env files; `undefined`: the `.env` of `projectDirectory`, if any. */
  envFiles: string[] | undefined
  at: SourceLocation | undefined
}

export interface IncludeContext {
  /** Directory relative include paths are relative to. */
  workingDir: string
  /** Files that include each other down to the current one, root first. */
  chain: readonly string[]
  fs: LoaderFs
  /** Loads an included project into one model (its paths rebased onto the project). */
  loadIncluded(spec: IncludeSpec, chain: readonly string[]): Promise<Located<RawModel>>
}

/** Applies the `include` section of `model` (written in `file`). Problems are pushed, not thrown. */
export async function applyIncludes(model: Located<RawModel>, file: string, ctx: IncludeContext, problems: LoadProblem[]): Promise<Located<RawModel>> {
  const raw = model.value['include']
  if (raw === undefined) return model
  let result = withoutKey(model, 'include')
  const node = sourceChild(model.src, 'include')
  if (!Array.isArray(raw)) {
    problems.push(problem('LOAD_INCLUDE', '`include` must be a list', at(node, 'include')))
    return result
  }
  const fromIncludes = new Map<string, string>()
  for (const [index, entry] of raw.entries()) {
    const entrySrc = sourceChild(node, index)
    const spec = await toSpec(entry, entrySrc, index, ctx, problems)
    if (spec === undefined) continue
    const main = spec.paths[0] ?? ''
    const chain = [...ctx.chain, file]
    if (chain.includes(main)) {
      const [first, ...rest] = [...chain, main]
      problems.push(problem('LOAD_CYCLE', `include cycle detected:\n${first}\n include ${rest.join('\n include ')}`, spec.at))
      continue
    }
    let imported: Located<RawModel>
    try {
      imported = await ctx.loadIncluded(spec, chain)
    } catch (error) {
      problems.push(...problemsFromError(error, 'LOAD_INCLUDE').map((p) => (p.source === undefined && spec.at ? { ...p, source: spec.at } : p)))
      continue
    }
    result = importResources(result, imported, main, fromIncludes, problems)
  }
  return result
}

async function toSpec(entry: unknown, src: SourceNode | undefined, index: number, ctx: IncludeContext, problems: LoadProblem[]): Promise<IncludeSpec | undefined> {
  const where = at(src, `include[${index}]`)
  const resolve = (p: string): string => (isAbsolute(p) ? p : join(ctx.workingDir, p))
  const e: Record<string, unknown> = typeof entry === 'string' ? { path: entry } : isMapping(entry) ? entry : {}
  const rawPaths = typeof e['path'] === 'string' ? [e['path']] : Array.isArray(e['path']) ? e['path'] : []
  if (rawPaths.length === 0 || !rawPaths.every((p): p is string => typeof p === 'string' && p !== '')) {
    problems.push(problem('LOAD_INCLUDE', 'an include entry needs a `path` (a string or a list of strings)', where))
    return undefined
  }
  const paths = rawPaths.map(resolve)
  const pd = e['project_directory']
  const projectDirectory = typeof pd === 'string' && pd !== '' ? resolve(pd) : dirname(paths[0] ?? ctx.workingDir)
  const rawEnv = e['env_file']
  let envFiles: string[] | undefined
  if (rawEnv !== undefined && rawEnv !== null) {
    envFiles = []
    for (const f of Array.isArray(rawEnv) ? rawEnv : [rawEnv]) {
      if (typeof f !== 'string' || f === '/dev/null') continue
      const abs = resolve(f)
      const stat = await ctx.fs.stat(abs)
      if (stat === undefined) problems.push(problem('LOAD_ENV_FILE', `env file ${abs} not found`, where))
      else if (!stat.isFile) problems.push(problem('LOAD_ENV_FILE', `${abs} is not a file`, where))
      else envFiles.push(abs)
    }
  }
  return { paths, projectDirectory, envFiles, at: where }
}

/**
 * Copies the resources of `imported` into `target`. `fromIncludes` remembers which ones came
 * from an include (kind/name → file) to tell an include conflict from a local override.
 */
export function importResources(
  target: Located<RawModel>,
  imported: Located<RawModel>,
  file: string,
  fromIncludes: Map<string, string>,
  problems: LoadProblem[],
): Located<RawModel> {
  const value: RawModel = { ...target.value }
  const children = new Map<PathSegment, SourceNode>(target.src?.children ?? [])
  for (const kind of IMPORTED_KINDS) {
    const incoming = locatedChild(imported, kind)
    if (!isMapping(incoming.value)) continue
    const current = locatedChild(target, kind)
    const defs: Record<string, unknown> = isMapping(current.value) ? { ...current.value } : {}
    const defSrc = new Map<PathSegment, SourceNode>(current.src?.children ?? [])
    for (const [name, def] of Object.entries(incoming.value)) {
      const inc: Located = { value: def, src: sourceChild(incoming.src, name) }
      const id = `${kind}.${name}`
      if (!Object.hasOwn(defs, name)) {
        defs[name] = def
        if (inc.src) defSrc.set(name, inc.src)
        fromIncludes.set(id, file)
        continue
      }
      const earlier = fromIncludes.get(id)
      if (earlier !== undefined) {
        if (!sameValue(defs[name], def)) {
          problems.push(problem('LOAD_INCLUDE', `imported compose file ${file} defines conflicting ${kind.replace(/s$/, '')} ${name}`,
            inc.src?.loc && { ...inc.src.loc, path: id }, `${name} is also imported from ${earlier}; rename one of them`))
        }
        continue
      }
      try {
        const merged = mergeLocated(inc, { value: defs[name], src: defSrc.get(name) }, [kind, name])
        defs[name] = merged.value
        if (merged.src) defSrc.set(name, merged.src)
      } catch (error) {
        if (error instanceof ProblemError) problems.push(error.problem)
        else throw error
      }
    }
    value[kind] = defs
    children.set(kind, sourceNode(current.src?.loc ?? incoming.src?.loc, defSrc))
  }
  return { value, src: sourceNode(target.src?.loc, children) }
}

function withoutKey(l: Located<RawModel>, key: string): Located<RawModel> {
  const { [key]: _dropped, ...value } = l.value
  const children = new Map(l.src?.children ?? [])
  children.delete(key)
  return { value, src: sourceNode(l.src?.loc, children) }
}

function at(node: SourceNode | undefined, path: string): SourceLocation | undefined {
  return node?.loc && { ...node.loc, path }
}

/** Structural equality of two plain model values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
  }
  return false
}
