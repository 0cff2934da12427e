import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { DotenvError, parseDotenv, parseEnvFile, parseEnvFiles, parseRawEnv, type EnvFormatParser } from './dotenv.ts'
import type { Lookup } from './template.ts'

const CORPUS = new URL('../../../shared/corpus/loader/extracted/', import.meta.url)
const lookupIn =
  (env: Record<string, string>): Lookup =>
  (name) =>
    Object.hasOwn(env, name) ? env[name] : undefined

describe('parseDotenv', () => {
  it('reads comments, export, quotes and inline comments', () => {
    const src = '# c\nexport A=1\nB="two\\nlines" # x\nC=\'lit $A\'\nD=plain # comment\nE=$A-${B:-z}\n'
    expect(parseDotenv(src)).toEqual({ A: '1', B: 'two\nlines', C: 'lit $A', D: 'plain', E: '1-two\nlines' })
  })
  it('ignores a BOM and takes bare keys from the lookup', () => {
    expect(parseDotenv('\ufeffX\nY=2\n', { lookup: lookupIn({ X: 'from-os' }) })).toEqual({ X: 'from-os', Y: '2' })
  })
  it('reports the line of an unterminated quote', () => {
    try {
      parseDotenv('A=1\nB="open\n')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DotenvError)
      expect((error as DotenvError).message).toContain('unterminated quoted value')
    }
  })
})

describe('parseRawEnv', () => {
  it('keeps values literally', () => {
    expect(parseRawEnv('# c\nA="q" # not a comment\nB=$HOME\n  C\n', lookupIn({ C: 'c' }))).toEqual({ A: '"q" # not a comment', B: '$HOME', C: 'c' })
  })
  it('rejects keys with whitespace', () => {
    expect(() => parseRawEnv('A B=1')).toThrow("variable 'A B' contains whitespaces")
  })
})

describe('parseEnvFile', () => {
  it('rejects an unknown format', () => {
    expect(() => parseEnvFile('A=1', { format: 'toml' })).toThrow('unsupported env_file format "toml"')
  })
})

interface FileCase {
  file: string
  reader?: string
  exact?: boolean
  expect?: Record<string, string>
  absent_keys?: string[]
  os_environment?: Record<string, string>
  os_environment_before?: Record<string, string>
  expect_error_contains?: string
}
interface DotenvCorpus {
  file_cases: FileCase[]
  multi_file_cases: { files: { name: string; content: string }[] | string; os_environment: Record<string, string>; expect: Record<string, string> }[]
  line_cases: { input: string; key: string; value: string }[]
  snippet_cases: { input: string; exact?: boolean; lookup?: Record<string, string>; expect: Record<string, string> }[]
  expansion_cases: { name: string; input: string; expect: Record<string, string> }[]
  lines_producing_nothing: string[]
  error_cases: { input: string; expect_error?: boolean; expect_error_contains?: string }[]
}

/**
 * The corpus writes these paths as `../../dotenv/fixtures/x` "relative to this file", one `..` too
 * many (the fixtures are at `loader/dotenv/fixtures`): resolve as written, else one level down.
 */
const fixture = (rel: string): URL => {
  const asWritten = new URL(rel, CORPUS)
  return existsSync(asWritten) ? asWritten : new URL(rel.replace(/^\.\.\//, ''), CORPUS)
}

/** A KEY:VALUE format, as the corpus' `custom.format` fixture expects from a registered parser. */
const customFormat: EnvFormatParser = (source, into) => {
  for (const line of source.split('\n')) {
    const at = line.indexOf(':')
    if (at > 0) into[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
}

describe('corpus: dotenv-cases.yaml', () => {
  const data = parse(readFileSync(new URL('dotenv-cases.yaml', CORPUS), 'utf8')) as DotenvCorpus

  for (const c of data.file_cases) {
    it(`file ${c.file.split('/').pop()} (${c.reader ?? 'default reader'})`, () => {
      const content = readFileSync(fixture(c.file), 'utf8')
      if (c.expect_error_contains !== undefined) {
        expect(() => parseDotenv(content)).toThrow(c.expect_error_contains)
        return
      }
      let got: Record<string, string>
      if (c.file.endsWith('custom.format')) {
        got = parseEnvFile(content, { format: 'custom', formats: { custom: customFormat } })
      } else if (c.os_environment_before !== undefined) {
        // load into the process environment: variables already set win
        got = { ...parseDotenv(content, { skipDigitKeys: true }), ...c.os_environment_before }
      } else {
        got = parseDotenv(content, { skipDigitKeys: true, lookup: lookupIn(c.os_environment ?? {}) })
      }
      if (c.exact === true) expect(got).toEqual(c.expect)
      else expect(got).toMatchObject(c.expect ?? {})
      for (const key of c.absent_keys ?? []) expect(got).not.toHaveProperty(key)
    })
  }

  const [first] = data.multi_file_cases
  for (const [i, c] of data.multi_file_cases.entries()) {
    it(`multi-file #${i}`, () => {
      const files = Array.isArray(c.files) ? c.files : Array.isArray(first?.files) ? first.files : []
      const got = parseEnvFiles(
        files.map((f) => ({ path: f.name, content: f.content })),
        lookupIn(c.os_environment),
      )
      expect(got).toEqual(c.expect)
    })
  }

  for (const c of data.line_cases) {
    it(`line ${JSON.stringify(c.input)}`, () => {
      expect(parseDotenv(c.input)).toEqual({ [c.key]: c.value })
    })
  }

  for (const [i, c] of data.snippet_cases.entries()) {
    it(`snippet #${i}`, () => {
      const got = parseDotenv(c.input, { lookup: lookupIn(c.lookup ?? {}) })
      if (c.exact === true) expect(got).toEqual(c.expect)
      else expect(got).toMatchObject(c.expect)
    })
  }

  for (const c of data.expansion_cases) {
    it(`expansion: ${c.name}`, () => {
      expect(parseDotenv(c.input)).toEqual(c.expect)
    })
  }

  for (const input of data.lines_producing_nothing) {
    it(`nothing from ${JSON.stringify(input)}`, () => {
      expect(parseDotenv(input)).toEqual({})
    })
  }

  for (const c of data.error_cases) {
    it(`error for ${JSON.stringify(c.input)}`, () => {
      if (c.expect_error_contains !== undefined) expect(() => parseDotenv(c.input)).toThrow(c.expect_error_contains)
      else expect(() => parseDotenv(c.input)).toThrow(DotenvError)
    })
  }
})
