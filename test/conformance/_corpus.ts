/**
 * Shared helpers of the conformance suites over the shared corpus (../shared/corpus from the
 * repository root). Until the raw pipeline's `loadProject` covers these cases, files are parsed
 * with `yaml` directly (plus go-yaml's `0440` octal integers) and interpolated with the
 * loader's `interpolateModel`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments, type ScalarTag } from 'yaml'
import { interpolateModel } from '../../core/loader/interpolate.ts'
import { normalizeModel, type NormalizeContext } from '../../core/loader/normalize.ts'
import type { RawModel, SourceMap } from '../../core/loader/types.ts'
import type { Project } from '../../core/model/project.ts'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus')

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts)
}

export function rel(file: string): string {
  return relative(CORPUS, file)
}

/** Every `*.yml` / `*.yaml` under `dir` (recursively), sorted. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.ya?ml$/.test(entry)) out.push(p)
    }
  }
  if (existsSync(dir)) walk(dir)
  return out
}

/** go-yaml reads `0440` as an octal integer (YAML 1.1); the yaml library's 1.2 core schema does not. */
const goOctal: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^0[0-7]+$/,
  resolve: (s: string) => Number.parseInt(s, 8),
}

/** The documents of a compose file as plain models (merged in order like compose does per file). */
export function parseYaml(text: string): RawModel[] {
  return parseAllDocuments(text, { customTags: (tags) => [goOctal, ...tags], merge: true })
    .map((doc) => doc.toJS({ maxAliasCount: 10_000 }) as unknown)
    .filter((m): m is RawModel => m !== null && typeof m === 'object' && !Array.isArray(m))
}

export function readYaml(file: string): RawModel {
  const docs = parseYaml(readFileSync(file, 'utf8'))
  return docs[0] ?? {}
}

/** A source map that only knows the file (these suites check messages, not positions). */
export function fileOnlySources(file: string): SourceMap {
  return { locate: () => ({ file, line: 1, col: 1 }) }
}

export function interpolate(model: RawModel, env: Record<string, string>): RawModel {
  const { value, problems } = interpolateModel(model, { lookup: (k) => env[k] })
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'))
  return value
}

export function readFileOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

export function loadForTest(model: RawModel, ctx: Partial<NormalizeContext> & { projectName: string; workingDir: string }): Project {
  return normalizeModel(model, {
    home: '/home/test',
    env: {},
    resolvePaths: true,
    normalize: true,
    readFile: readFileOrUndefined,
    ...ctx,
  })
}

import { HOOK_KINDS } from '../../core/hooks.ts'
import { loadProject, type LoadOptions, type LoadResult } from '../../core/loader/index.ts'
import { PluginHost } from '../../core/plugin/host.ts'
import { envPlugin } from '../../plugins/env/index.ts'

/** The real pipeline (`loadProject` with the `compose:env` plugin), as the CLI runs it. */
export function loadWithPipeline(options: Partial<LoadOptions> & { cwd: string }): Promise<LoadResult> {
  const host = new PluginHost(HOOK_KINDS, [envPlugin()])
  return loadProject({ env: { HOME: '/home/test' }, home: '/home/test', host, ...options })
}
