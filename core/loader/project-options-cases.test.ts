/**
 * corpus: loader/extracted/project-options-cases.yaml — project name, `-f`, `-f -`, `.env` and
 * `--env-file`, run through loadProject with the env plugin, as docker compose runs them.
 */
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { normalizeProjectName } from './discover.ts'
import { corpusCase, EXTRACTED, load, loadError, messagesOf, readCorpusYaml } from './_corpus-harness.test.ts'

interface NameCase {
  files?: string[]
  working_directory?: string
  project_name_flag?: string
  project_directory?: string
  environment?: Record<string, string>
  expect_name?: string
  expect_error_contains?: string
}
interface FileCase {
  files: string[]
  working_directory?: string
  project_name_flag?: string
  stdin?: string
  env_file_flags?: string[]
  expect?: Record<string, unknown>
  expect_compose_files?: string[]
}
interface Corpus {
  project_name: { cases: NameCase[]; invalid_names: { name: string; expect_error_contains: string }[] }
  files: FileCase[]
  env_files: FileCase[]
}

const HERE = fileURLToPath(EXTRACTED)
const cwdOf = (c: { working_directory?: string }): string => (c.working_directory === undefined ? HERE : fileURLToPath(new URL(`${c.working_directory}/`, EXTRACTED)))

/** The corpus case names a file under testdata/env-file, whose .env sets COMPOSE_PROJECT_NAME. */
const EXPECTED_FAILURES: Record<string, string> = {
  'name #11':
    "compose-go's test reads no .env; docker compose (and we) read env-file/.env next to the file, so the name is my_project_from_dot_env",
}

/** `services.simple.ports[0].published` → the value in `root`. */
function valueAt(root: unknown, path: string): unknown {
  const segments = path.split(/\.|(?=\[)/).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s))
  let node = root
  for (const seg of segments) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[seg]
  return node
}

describe('corpus: project-options-cases.yaml', () => {
  const data = readCorpusYaml<Corpus>('project-options-cases.yaml')

  data.project_name.cases.forEach((c, i) => {
    corpusCase(`name #${i}`, EXPECTED_FAILURES[`name #${i}`], async () => {
      const options = {
        cwd: cwdOf(c),
        env: c.environment ?? {},
        files: c.files ?? [],
        ...(c.project_name_flag === undefined ? {} : { projectName: c.project_name_flag }),
        ...(c.project_directory === undefined ? {} : { projectDirectory: c.project_directory }),
      }
      if (c.expect_error_contains !== undefined) {
        expect(messagesOf(await loadError(options)).join('\n')).toContain(c.expect_error_contains)
        return
      }
      const expected = c.expect_name === '<base name of the current directory>' ? normalizeProjectName(basename(options.cwd)) : c.expect_name
      expect((await load(options)).name).toBe(expected)
    })
  })

  for (const bad of data.project_name.invalid_names) {
    it(`rejects ${bad.name} as -p`, async () => {
      const error = await loadError({ cwd: HERE, env: {}, files: ['../cli/testdata/simple/compose.yaml'], projectName: bad.name })
      expect(error.code).toBe('LOAD_PROJECT_NAME')
      expect(error.message).toContain(bad.expect_error_contains)
    })
    it(`rejects ${bad.name} as COMPOSE_PROJECT_NAME`, async () => {
      const error = await loadError({ cwd: HERE, env: { COMPOSE_PROJECT_NAME: bad.name }, files: ['../cli/testdata/simple/compose.yaml'] })
      expect(error.message).toContain(bad.expect_error_contains)
    })
  }

  const fileCases = [...data.files.map((c, i) => [`files #${i}`, c] as const), ...data.env_files.map((c, i) => [`env_files #${i}`, c] as const)]
  for (const [name, c] of fileCases) {
    corpusCase(name, EXPECTED_FAILURES[name], async () => {
      const result = await load({
        cwd: cwdOf(c),
        env: {},
        files: c.files,
        ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
        ...(c.project_name_flag === undefined ? {} : { projectName: c.project_name_flag }),
        ...(c.env_file_flags === undefined ? {} : { envFiles: c.env_file_flags }),
      })
      if (c.expect_compose_files !== undefined) {
        const want = c.expect_compose_files.map((f) => f.replace('<absolute path of>/cli/', fileURLToPath(new URL('../cli/', EXTRACTED))))
        expect(result.files).toEqual(want)
      }
      for (const [path, want] of Object.entries(c.expect ?? {})) {
        const got = valueAt(result.project, path)
        // a discarded env_file is absent here, where compose-go leaves an empty list
        if (path.endsWith('.env_file') && Array.isArray(want) && want.length === 0) expect(got ?? []).toEqual([])
        else expect(got === undefined ? got : String(got)).toBe(String(want))
      }
    })
  }
})
