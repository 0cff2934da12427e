/**
 * Inputs compose must reject (loader/extracted/error-cases.yaml), for the stages this suite
 * covers: schema validation, the rules of validate-rules.ts, normalization and the consistency
 * checks. Each must fail, and with a message containing compose-go's text unless a wording
 * difference is listed. Cases owned by the other loader stages are listed with their owner.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { checkConsistency } from '../../core/loader/consistency.ts'
import { normalizeModel } from '../../core/loader/normalize.ts'
import { validateRawModel } from '../../core/loader/validate.ts'
import { validateRules } from '../../core/loader/validate-rules.ts'
import { corpusPath, fileOnlySources, parseYaml } from './_corpus.ts'

interface ErrorCase {
  test: string
  compose?: string
  compose_file?: string
  working_dir?: string
  expect_error_contains?: string
  expect_error_starts_with?: string
}

/** Rejected by other stages of the loader (parse, extends, include, project name): tested there. */
const OTHER_STAGES: Record<string, string> = {
  TestExtendsWihtMissingService: 'extends stage',
  TestLoadEmptyContent_MissingProject: 'project-name stage of loadProject',
  Test_DuplicateReset: 'YAML parse stage (duplicate keys)',
  TestAliasNodePreservation: 'YAML parse stage (alias bomb)',
  TestMergeKeyAliasToScalarRejected: 'YAML parse stage (merge key)',
  TestEmptyFile: 'loadProject ("empty compose file")',
  TestLoadWithIncludeCycle: 'include stage',
}

/** Same rejection, other words: ours, and why. */
const WORDING: Record<string, string> = {
  TestInvalidResource: 'we say "unknown key `impossible`" (with a suggestion when one is close) instead of "additional properties \'impossible\' not allowed"',
  TestLoadTmpfsVolumeAdditionalPropertyNotAllowed: 'same: "services.tmpfs.volumes[0]: unknown key `foo`"',
  TestInvalidEnvironmentObject: 'we say "must be a list or mapping" (both forms are accepted)',
  TestLoadSSHWithoutValueInBuildConfig: 'we say "must be a list or mapping" (both forms are accepted)',
  TestInvalidProjectNameType: 'the file-name prefix ("validating filename0.yml: ") is added by loadProject, which knows the file; we say "name must be a string"',
}

function run(model: Record<string, unknown>, workingDir: string): string[] {
  const sources = fileOnlySources('compose.yml')
  const schema = validateRawModel(model, sources)
  if (schema.length > 0) return schema.map((i) => i.message)
  const rules = validateRules(model, sources)
  if (rules.length > 0) return rules.map((i) => i.message)
  try {
    const project = normalizeModel(model, {
      projectName: typeof model['name'] === 'string' ? model['name'] : 'test',
      workingDir,
      home: '/home/test',
      env: {},
      resolvePaths: true,
      normalize: true,
    })
    return checkConsistency(project, sources).map((i) => i.message)
  } catch (error) {
    return [(error as Error).message]
  }
}

/** compose-go writes list indexes as `.0`; ours are `[0]`. */
function ourNotation(text: string): string {
  return text.replace(/\.(\d+)(?=[ .]|$)/g, '[$1]')
}

const file = corpusPath('loader', 'extracted', 'error-cases.yaml')
const data = parse(readFileSync(file, 'utf8')) as { inline_cases: ErrorCase[]; fixture_cases: ErrorCase[] }
let counted = 0

describe('error cases', () => {
  for (const c of [...data.inline_cases, ...data.fixture_cases]) {
    counted++
    if (c.test in OTHER_STAGES) continue
    it(c.test, () => {
      const text = c.compose ?? readFileSync(resolve(dirname(file), c.compose_file ?? ''), 'utf8')
      const workingDir = resolve(dirname(file), c.working_dir ?? '.')
      const errors = run(parseYaml(text)[0] ?? {}, workingDir)
      expect(errors.length, 'must be rejected').toBeGreaterThan(0)
      const expected = ourNotation(c.expect_error_contains ?? c.expect_error_starts_with ?? '')
      if (!(c.test in WORDING)) expect(errors.join('\n')).toContain(expected)
    })
  }
  it('covers every case', () => expect(counted).toBe(data.inline_cases.length + data.fixture_cases.length))
})
