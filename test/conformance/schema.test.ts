/**
 * Every compose file of the corpus validates against our valibot schema with no spurious error.
 * The files are validated raw (not interpolated), as the corpus measured them with Ajv.
 */
import { describe, expect, it } from 'vitest'
import { validateRawModel } from '../../core/loader/validate.ts'
import { corpusPath, fileOnlySources, parseYaml, rel, yamlFiles } from './_corpus.ts'
import { readFileSync } from 'node:fs'

/** Files that must fail, with the reason (corpus INDEX.md, schema/). */
const EXPECTED_FAILURES: Record<string, string> = {
  'e2e/fixtures/wrong-composefile/compose.yaml': 'unknown key `wrongField`, on purpose',
  'loader/loader/testdata/extends/base.yaml': 'a service with a null body: the schema rejects it, compose-go accepts it after extends',
}

/** Not compose files, or not meant to be validated alone. */
const NOT_COMPOSE: Record<string, string> = {
  'loader/loader/testdata/empty.yaml': 'empty on purpose (the loader rejects it as "empty compose file")',
  'loader/loader/expected/full-example.case.yaml': 'test description (inputs and options of the full example), not a compose file',
}

const groups: [string, string[]][] = [
  ['awesome', yamlFiles(corpusPath('awesome'))],
  ['conformance', yamlFiles(corpusPath('conformance', 'tests'))],
  ['loader', [...yamlFiles(corpusPath('loader', 'loader')), ...yamlFiles(corpusPath('loader', 'cli')), ...yamlFiles(corpusPath('loader', 'schema'))]],
  ['e2e', [...yamlFiles(corpusPath('e2e', 'testdata')), ...yamlFiles(corpusPath('e2e', 'fixtures'))]],
]

describe('corpus files validate against the schema', () => {
  for (const [group, files] of groups) {
    describe(group, () => {
      it('has files', () => expect(files.length).toBeGreaterThan(0))
      for (const file of files) {
        const name = rel(file)
        if (name in NOT_COMPOSE) continue
        const expectFailure = EXPECTED_FAILURES[name]
        it(`${name}${expectFailure === undefined ? '' : ' (expected failure)'}`, () => {
          const models = parseYaml(readFileSync(file, 'utf8'))
          const issues = models.flatMap((m) => validateRawModel(m, fileOnlySources(name)))
          if (expectFailure === undefined) expect(issues.map((i) => i.message)).toEqual([])
          else expect(issues.length).toBeGreaterThan(0)
        })
      }
    })
  }

  it('wrong-composefile fails with a clear message', () => {
    const file = corpusPath('e2e', 'fixtures', 'wrong-composefile', 'compose.yaml')
    const [model = {}] = parseYaml(readFileSync(file, 'utf8'))
    const issues = validateRawModel(model, fileOnlySources('compose.yaml'))
    expect(issues.map((i) => i.message)).toEqual(['services.simple: unknown key `wrongField`'])
    expect(issues[0]?.path).toBe('services.simple.wrongField')
    expect(issues[0]?.source?.file).toBe('compose.yaml')
  })
})
