/**
 * corpus: loader/extracted/error-cases.yaml — inputs compose must reject, with compose-go's text.
 * Each case is loaded through loadProject (stdin for inline cases) with the env plugin.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { corpusCase, EXTRACTED, loadError, messagesOf, readCorpusYaml } from './_corpus-harness.test.ts'

interface InlineCase {
  test: string
  compose: string
  expect_error_contains: string
  working_dir?: string
}
interface FixtureCase {
  test: string
  compose_file: string
  working_dir?: string
  expect_error_contains?: string
  expect_error_starts_with?: string
}

/**
 * Cases that fail today, with the reason. All belong to stages owned elsewhere (schema
 * validation in validate.ts/core/schema, checks in normalize.ts/consistency.ts); the load is
 * rejected in each case except the three `external` ones, only the wording differs.
 */
const EXPECTED_FAILURES: Record<string, string> = {
  TestExtendsWihtMissingService:
    "validate.ts rejects the file first (`services.test.extends missing property 'service'`); compose-go's test skips validation",
  TestInvalidEnvironmentObject: 'validate.ts words it `must be a list or mapping`',
  TestInvalidResource: "validate.ts words it `unknown key `impossible`` instead of `additional properties 'impossible' not allowed`",
  TestLoadTmpfsVolumeAdditionalPropertyNotAllowed: "validate.ts words it `unknown key `foo`` instead of `additional properties 'foo' not allowed`",
  TestLoadSSHWithoutValueInBuildConfig: 'validate.ts words it `must be a list or mapping`',
}

/**
 * compose-go's wording restated in our message format (the words are kept): list indexes are
 * written `volumes[0]` instead of `volumes.0`, and `validating <file>: ` is a `file:line:col`
 * prefix here.
 */
const inHouseFormat = (text: string): string => text.replace(/^validating [^:]+: /, '').replace(/\.(\d+)(?=[.\s]|$)/g, '[$1]')

const dir = (rel: string | undefined): string => (rel === undefined ? '/' : fileURLToPath(new URL(rel, EXTRACTED)))

describe('corpus: error-cases.yaml', () => {
  const data = readCorpusYaml<{ inline_cases: InlineCase[]; fixture_cases: FixtureCase[] }>('error-cases.yaml')

  it('has the cases', () => {
    expect(data.inline_cases.length + data.fixture_cases.length).toBe(30)
  })

  for (const c of data.inline_cases) {
    corpusCase(c.test, EXPECTED_FAILURES[c.test], async () => {
      // no working_dir: the root directory, whose empty base name gives no project name
      const error = await loadError({ cwd: dir(c.working_dir), env: {}, files: ['-'], stdin: c.compose })
      expect(messagesOf(error).join('\n')).toContain(inHouseFormat(c.expect_error_contains))
    })
  }

  for (const c of data.fixture_cases) {
    corpusCase(c.test, EXPECTED_FAILURES[c.test], async () => {
      const file = fileURLToPath(new URL(c.compose_file, EXTRACTED))
      const error = await loadError({ cwd: dir(c.working_dir ?? '../loader/testdata/'), env: {}, files: [file] })
      const messages = messagesOf(error)
      if (c.expect_error_contains !== undefined) expect(messages.join('\n')).toContain(c.expect_error_contains)
      if (c.expect_error_starts_with !== undefined) expect(messages.some((m) => m.startsWith(c.expect_error_starts_with ?? ''))).toBe(true)
    })
  }
})
