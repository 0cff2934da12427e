/**
 * compose-go's per-attribute loader tests, restated as data in
 * loader/extracted/attribute-snippets/*.yaml: each compose snippet is interpolated, validated
 * and normalized (normalization and consistency checks skipped, as in the original), then the
 * listed `path` checks must hold on our Project. Cases we do not pass are listed with a reason.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { checkConsistency } from '../../core/loader/consistency.ts'
import { normalizeModel } from '../../core/loader/normalize.ts'
import { validateRawModel } from '../../core/loader/validate.ts'
import type { Project } from '../../core/model/project.ts'
import { corpusPath, fileOnlySources, interpolate, parseYaml, readFileOrUndefined, yamlFiles } from './_corpus.ts'
import { EXPECTED_FAILURES, NORMALIZED_CASES } from './_snippet-expectations.ts'

interface Check {
  path: string
  equals?: unknown
  length?: number
  is_null?: boolean
  is_not_null?: boolean
  absent?: boolean
}

interface SnippetCase {
  test: string
  compose: string
  environment?: Record<string, string>
  checks?: Check[]
  expect_error_contains?: string[]
}

const WORKING_DIR = '/work/snippets'

function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]/g)) {
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else if (m[3] !== undefined) out.push(m[3])
  }
  return out
}

function lookup(root: unknown, path: string): { found: boolean; value: unknown } {
  let node = root
  for (const seg of splitPath(path)) {
    if (node === null || typeof node !== 'object' || !(seg in (node as object))) return { found: false, value: undefined }
    node = (node as Record<string | number, unknown>)[seg]
  }
  return { found: true, value: node }
}

/**
 * The expectations are Go values: an unset string field is `""` there and absent here, so `""`
 * in an expectation matches an absent value.
 */
function comparable(value: unknown): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([, e]) => e !== '' && e !== undefined).map(([k, e]) => [k, strip(e)]))
    }
    return v
  }
  return value === undefined || value === '' ? null : strip(JSON.parse(JSON.stringify(value)))
}

/** compose-go writes list indexes as `.0`; our paths use `[0]` (the same notation as SourceMap paths). */
function ourNotation(message: string): string {
  return message.replace(/\.(\d+)(?=[ .]|$)/g, '[$1]')
}

function load(c: SnippetCase): { project?: Project; errors: string[] } {
  try {
    const env = c.environment ?? {}
    const docs = parseYaml(c.compose)
    const model = interpolate(docs[0] ?? {}, env)
    const issues = validateRawModel(model, fileOnlySources('compose.yml'))
    if (issues.length > 0) return { errors: issues.map((i) => i.message) }
    const name = typeof model['name'] === 'string' ? model['name'] : 'test'
    const project = normalizeModel(model, {
      projectName: name,
      workingDir: WORKING_DIR,
      home: '/home/test',
      env,
      // the original per-attribute tests load without path resolution (watch paths stay relative)
      resolvePaths: false,
      normalize: c.test in NORMALIZED_CASES,
      readFile: readFileOrUndefined,
    })
    // the originals skip the consistency check, except the error cases (default options)
    const consistency = c.expect_error_contains === undefined ? [] : checkConsistency(project, fileOnlySources('compose.yml'))
    return { project, errors: consistency.map((i) => i.message) }
  } catch (error) {
    return { errors: [(error as Error).message] }
  }
}

const files = yamlFiles(corpusPath('loader', 'extracted', 'attribute-snippets'))
let total = 0

describe('attribute snippets (compose-go loader tests as data)', () => {
  for (const file of files) {
    const doc = parse(readFileSync(file, 'utf8')) as { cases: SnippetCase[] }
    describe(basename(file, '.yaml'), () => {
      for (const c of doc.cases) {
        total++
        const reason = EXPECTED_FAILURES[c.test]
        it(`${c.test}${reason === undefined ? '' : ' (expected failure)'}`, () => {
          const { project, errors } = load(c)
          const problems: string[] = []
          if (c.expect_error_contains !== undefined) {
            if (errors.length === 0) problems.push('loaded without error')
            for (const text of c.expect_error_contains) {
              if (!errors.some((e) => e.includes(ourNotation(text)))) problems.push(`no error contains ${JSON.stringify(text)} (got ${JSON.stringify(errors)})`)
            }
          } else {
            if (errors.length > 0) problems.push(`unexpected errors: ${errors.join('; ')}`)
            for (const check of c.checks ?? []) {
              const { found, value } = lookup(project, check.path)
              if (check.absent === true && found) problems.push(`${check.path} should be absent`)
              if (check.is_null === true && found && value !== null) problems.push(`${check.path} should be null, got ${JSON.stringify(value)}`)
              if (check.is_not_null === true && (value === null || value === undefined)) problems.push(`${check.path} should not be null`)
              if (check.length !== undefined) {
                const len = Array.isArray(value) ? value.length : value !== null && typeof value === 'object' ? Object.keys(value).length : -1
                if (len !== check.length) problems.push(`${check.path} length ${len}, expected ${check.length}`)
              }
              if ('equals' in check) {
                try {
                  expect(comparable(value)).toEqual(comparable(check.equals))
                } catch {
                  problems.push(`${check.path} = ${JSON.stringify(value)}, expected ${JSON.stringify(check.equals)}`)
                }
              }
            }
          }
          if (reason === undefined) expect(problems).toEqual([])
          else expect(problems, `listed as expected failure (${reason}) but passes`).not.toEqual([])
        })
      }
    })
  }
  it('covers every case', () => expect(total).toBeGreaterThanOrEqual(139))
})
