/**
 * compose-go's "full example" normalized by us must match compose-go's own model
 * (loader/loader/expected/full-example.expected.{yaml,json}) structurally. Options as in
 * full-example.case.yaml: paths resolved, normalization and consistency skipped, environment
 * HOME/BAR/QUX. Remaining differences are listed below with their reason.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { renderConfig } from '../../core/config/render.ts'
import { validateRawModel } from '../../core/loader/validate.ts'
import { corpusPath, fileOnlySources, interpolate, loadForTest, parseYaml } from './_corpus.ts'

const DIR = corpusPath('loader', 'loader')
const HOME = '/home/full-example'
const ENV = { HOME, BAR: 'this is a secret', QUX: 'qux_from_environment', COMPOSE_PROJECT_NAME: 'full_example_project_name' }

/**
 * Paths where our output may differ from compose-go's, with the reason. A listed path is
 * removed from both sides before comparing; an unlisted difference fails the test.
 * Currently none: both renderings match compose-go's model exactly (structurally).
 */
const EXPECTED_DIFFERENCES: Record<'yaml' | 'json', Record<string, string>> = {
  yaml: {},
  json: {},
}

function expected(format: 'yaml' | 'json'): unknown {
  const text = readFileSync(corpusPath('loader', 'loader', 'expected', `full-example.expected.${format}`), 'utf8')
    .replaceAll('__WORKING_DIR__', DIR)
    .replaceAll('__HOME_DIR__', HOME)
  return format === 'json' ? JSON.parse(text) : parse(text)
}

function drop(doc: unknown, dotted: string): void {
  const parts = dotted.split('.')
  let node = doc as Record<string, unknown> | undefined
  for (const part of parts.slice(0, -1)) node = node?.[part] as Record<string, unknown> | undefined
  if (node !== undefined) delete node[parts[parts.length - 1] as string]
}

function load() {
  const [raw = {}] = parseYaml(readFileSync(corpusPath('loader', 'loader', 'full-example.yml'), 'utf8'))
  const model = interpolate(raw, ENV)
  expect(validateRawModel(model, fileOnlySources('full-example.yml'))).toEqual([])
  return loadForTest(model, { projectName: 'full_example_project_name', workingDir: DIR, home: HOME, env: ENV, normalize: false })
}

describe('full-example.yml', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`renders like compose-go (${format})`, () => {
      const text = renderConfig(load(), { format, interpolated: false })
      const ours = format === 'json' ? (JSON.parse(text) as unknown) : (parse(text) as unknown)
      const theirs = expected(format)
      for (const path of Object.keys(EXPECTED_DIFFERENCES[format])) {
        drop(ours, path)
        drop(theirs, path)
      }
      expect(ours).toEqual(theirs)
    })
  }

  it('keeps compose-go key order in YAML', () => {
    const text = renderConfig(load(), { interpolated: false })
    const keys = (src: string) => [...src.matchAll(/^ {4}([a-z_]+):/gm)].map((m) => m[1])
    const theirs = readFileSync(corpusPath('loader', 'loader', 'expected', 'full-example.expected.yaml'), 'utf8')
    expect(keys(text)).toEqual(keys(theirs))
  })
})
