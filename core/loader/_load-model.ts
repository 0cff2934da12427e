/**
 * The per-file part of the pipeline, shared by the project, its includes and extended files:
 * read → parse → `load:parsed` → `load:interpolate` → validate → include → extends → merge →
 * unicity. Problems are collected in the context; nothing here throws for a user mistake.
 */
import { dirname } from 'node:path'
import type { ComposeIssue, ErrorCode, SourceLocation } from '../errors.ts'
import type { ComposeHooks } from '../hooks.ts'
import type { PluginHost } from '../plugin/host.ts'
import { problem, ProblemError, problemsFromError, type LoadProblem } from './_problems.ts'
import { rebasePaths } from './_rebase-paths.ts'
import type { LoaderFs, LoadInterpolateDraft, LoadParsedDraft, LoadReporter, ReportOptions } from './drafts.ts'
import { applyExtends, type LocatedServices } from './extends.ts'
import { applyIncludes, type IncludeSpec } from './include.ts'
import { mergeLocated } from './merge.ts'
import { decodeComposeText, parseCompose, type ParsedDocument } from './parse.ts'
import { createSourceMap, isMapping, locatedChild, sourceNode, type Located } from './source-map.ts'
import { formatPath, type RawModel, type SourceMap } from './types.ts'
import { enforceUnicity } from './unicity.ts'

export type Env = Readonly<Record<string, string>>

export interface ModelContext {
  host: PluginHost<ComposeHooks> | undefined
  signal: AbortSignal
  fs: LoaderFs
  stdin: string | undefined
  noInterpolate: boolean
  /** LoadOptions.resolveEnvironment, passed on to `load:merged`. */
  resolveEnvironment: boolean
  resolvePaths: boolean
  /** The root project directory. */
  projectDir: string
  maxFileBytes: number | undefined
  maxAliasCount: number | undefined
  validate: (model: RawModel, sources: SourceMap) => ComposeIssue[]
  /** Builds the environment of an included project (the `load:environment` hook). */
  includeEnvironment: (spec: IncludeSpec, parent: Env) => Promise<Env>
  /** Runs `load:merged` for an included project. */
  includeMerged: (model: Located<RawModel>, env: Env, workingDir: string) => Promise<Located<RawModel>>
  problems: LoadProblem[]
  warnings: ComposeIssue[]
  parsed: Map<string, Promise<ParsedDocument[]>>
  extended: WeakMap<Env, Map<string, Promise<LocatedServices>>>
}

export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file
}

/** Problem and warning sinks for a draft, resolving model paths through `sources`. */
export function createReporter(ctx: Pick<ModelContext, 'problems' | 'warnings'>, sources: SourceMap | undefined): LoadReporter {
  const where = (o: ReportOptions | undefined): SourceLocation | undefined => {
    if (o?.file !== undefined) return { file: o.file, line: o.line ?? 1, col: 1, ...(o.path ? { path: formatPath(o.path) } : {}) }
    return o?.path === undefined ? undefined : sources?.locate(o.path)
  }
  return {
    report: (code: ErrorCode, message: string, o?: ReportOptions) => void ctx.problems.push(problem(code, message, where(o), o?.hint)),
    warn: (message: string, o?: ReportOptions) => {
      const w = problem('CONFIG_INVALID', message, where(o))
      if (!ctx.warnings.some((x) => x.message === w.message)) ctx.warnings.push({ message: w.message, ...(w.source ? { source: w.source } : {}), ...(w.path ? { path: w.path } : {}) })
    },
  }
}

/** Reads and parses a file once per load (the parse does not depend on the environment). */
export function readDocuments(file: string, ctx: ModelContext): Promise<ParsedDocument[]> {
  let docs = ctx.parsed.get(file)
  if (docs === undefined) {
    docs = readAndParse(file, ctx)
    ctx.parsed.set(file, docs)
  }
  return docs
}

async function readAndParse(file: string, ctx: ModelContext): Promise<ParsedDocument[]> {
  const name = displayName(file)
  let text: string
  try {
    if (file === '-') {
      if (ctx.stdin === undefined) throw new ProblemError(problem('LOAD_FILE_NOT_FOUND', 'no content was given for standard input (-f -)'))
      // the same size and binary checks as a file (the text is re-encoded to count its bytes)
      text = decodeComposeText(new TextEncoder().encode(ctx.stdin), name, ctx.maxFileBytes)
    } else {
      text = decodeComposeText(await ctx.fs.readFile(file), name, ctx.maxFileBytes)
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ENOENT' || code === 'EISDIR') ctx.problems.push(problem('LOAD_FILE_NOT_FOUND', `${name}: no such file`))
    else ctx.problems.push(...problemsFromError(error, 'LOAD_FILE_NOT_FOUND'))
    return []
  }
  const options = { file: name, ...(ctx.maxAliasCount === undefined ? {} : { maxAliasCount: ctx.maxAliasCount }) }
  const result = parseCompose(text, options)
  ctx.problems.push(...result.problems)
  for (const w of result.warnings) ctx.warnings.push({ message: w.message, ...(w.source ? { source: w.source } : {}) })
  result.documents.forEach((doc, i) => reparse.set(doc, () => parseCompose(text, options).documents[i]?.model ?? {}))
  return result.documents
}

/**
 * A parsed document's model goes to its first user as it is (drafts are changed in place, and
 * nothing else reads it afterwards); a file used again in the same load (an `extends` target
 * named twice, say) is parsed again for a pristine model. A deep copy per use cost more than
 * these rare second parses.
 */
const taken = new WeakSet<ParsedDocument>()
const reparse = new WeakMap<ParsedDocument, () => RawModel>()

function takeModel(doc: ParsedDocument): RawModel {
  if (!taken.has(doc)) {
    taken.add(doc)
    return doc.model
  }
  return reparse.get(doc)?.() ?? structuredClone(doc.model)
}

/** `load:parsed` then `load:interpolate` on one document's model (see takeModel). `undefined` if it had problems. */
export async function prepareDocument(doc: ParsedDocument, env: Env, ctx: ModelContext): Promise<Located<RawModel> | undefined> {
  ctx.signal.throwIfAborted()
  const before = ctx.problems.length
  const sources = createSourceMap(doc.sources)
  const reporter = createReporter(ctx, sources)
  const parsed: LoadParsedDraft = { file: doc.file, model: takeModel(doc), sources, ...reporter }
  await ctx.host?.call('load:parsed', ctx.signal, parsed)
  let model = parsed.model
  if (!ctx.noInterpolate) {
    const draft: LoadInterpolateDraft = { file: doc.file, model, env, sources, ...reporter }
    await ctx.host?.call('load:interpolate', ctx.signal, draft)
    model = draft.model
  }
  return ctx.problems.length === before ? { value: model, src: doc.sources } : undefined
}

/** Loads `files` as one model: each document validated, its includes and extends applied, merged in order. */
export async function loadModel(files: readonly string[], workingDir: string, env: Env, chain: readonly string[], ctx: ModelContext): Promise<Located<RawModel>> {
  let acc: Located<RawModel> = { value: {}, src: undefined }
  for (const file of files) {
    for (const doc of await readDocuments(file, ctx)) {
      let model = await prepareDocument(doc, env, ctx)
      if (model === undefined) continue
      const issues = ctx.validate(model.value, createSourceMap(model.src))
      if (issues.length > 0) {
        ctx.problems.push(...issues.map((i) => ({ ...i, code: 'SCHEMA_INVALID' as const })))
        continue
      }
      if ('version' in model.value) {
        const { version: _obsolete, ...rest } = model.value
        const at = createSourceMap(model.src).locate(['version'])
        ctx.warnings.push({ message: `${doc.file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`, ...(at ? { source: at } : {}) })
        model = { value: rest, src: model.src }
      }
      model = await applyIncludes(model, displayName(file), {
        workingDir,
        chain,
        fs: ctx.fs,
        loadIncluded: (spec, includeChain) => loadIncluded(spec, includeChain, env, ctx),
      }, ctx.problems)
      model = await withExtends(model, file, workingDir, env, ctx)
      acc = mergeInto(acc, model, ctx)
    }
  }
  return acc
}

async function withExtends(model: Located<RawModel>, file: string, workingDir: string, env: Env, ctx: ModelContext): Promise<Located<RawModel>> {
  const services = locatedChild(model, 'services')
  if (!isMapping(services.value)) return model
  const resolved = await applyExtends(services as LocatedServices, displayName(file), {
    workingDir,
    loadServices: (f) => loadExtendedFile(f, env, ctx),
  }, ctx.problems)
  const children = new Map(model.src?.children ?? [])
  if (resolved.src !== undefined) children.set('services', resolved.src)
  return { value: { ...model.value, services: resolved.value }, src: sourceNode(model.src?.loc, children) }
}

function mergeInto(acc: Located<RawModel>, model: Located<RawModel>, ctx: ModelContext): Located<RawModel> {
  try {
    return enforceUnicity(mergeLocated(acc, model, [])) as Located<RawModel>
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error
    ctx.problems.push(error.problem)
    return acc
  }
}

/** The services of a file named by `extends.file`: interpolated with `env`, paths rebased from its folder. */
function loadExtendedFile(file: string, env: Env, ctx: ModelContext): Promise<LocatedServices> {
  let cache = ctx.extended.get(env)
  if (cache === undefined) {
    cache = new Map()
    ctx.extended.set(env, cache)
  }
  let work = cache.get(file)
  if (work === undefined) {
    work = (async () => {
      const stat = await ctx.fs.stat(file)
      if (stat?.isFile !== true) throw new ProblemError(problem('LOAD_FILE_NOT_FOUND', `cannot read ${file}: no such file`))
      let acc: Located<RawModel> = { value: {}, src: undefined }
      for (const doc of await readDocuments(file, ctx)) {
        const model = await prepareDocument(doc, env, ctx)
        if (model !== undefined) acc = mergeInto(acc, model, ctx)
      }
      const rebased = rebasePaths(acc.value, { from: dirname(file), projectDir: ctx.projectDir, absolute: ctx.resolvePaths })
      const services = locatedChild({ value: rebased, src: acc.src }, 'services')
      return { value: isMapping(services.value) ? services.value : {}, src: services.src }
    })()
    cache.set(file, work)
  }
  return work
}

async function loadIncluded(spec: IncludeSpec, chain: readonly string[], parentEnv: Env, ctx: ModelContext): Promise<Located<RawModel>> {
  for (const path of spec.paths) {
    const stat = await ctx.fs.stat(path)
    if (stat?.isFile !== true) throw new ProblemError(problem('LOAD_FILE_NOT_FOUND', `included file ${path} not found`, spec.at))
  }
  const env = await ctx.includeEnvironment(spec, parentEnv)
  const model = await ctx.includeMerged(await loadModel(spec.paths, spec.projectDirectory, env, chain, ctx), env, spec.projectDirectory)
  const rebased = rebasePaths(model.value, { from: spec.projectDirectory, projectDir: ctx.projectDir, absolute: ctx.resolvePaths, defaultContext: true })
  return { value: rebased, src: model.src }
}
