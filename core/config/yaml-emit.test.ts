/**
 * The direct YAML writer (./yaml-emit.ts) against the yaml library's (toGoYamlWithYamlLibrary):
 * byte-identical on every corpus project `compose config` can render (as YAML, as the JSON
 * document, the raw model, the `--no-interpolate` model) and on a few thousand generated
 * strings and values placed as keys, mapping values, sequence items and at the root.
 */
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Document } from 'yaml'
import { load } from '../loader/_corpus-harness.test.ts'
import { normalizeRawModel } from '../loader/normalize.ts'
import { renderConfig } from './render.ts'
import { toDocument } from './to-document.ts'
import { emitGoYaml, YAML11_NON_STRING_TESTS, YAML11_OTHER_TAG_TESTS } from './yaml-emit.ts'
import { toGoYaml, toGoYamlWithYamlLibrary } from './yaml-style.ts'
import { CORPUS, yamlFiles } from '../../test/conformance/_corpus.ts'



interface Mismatch {
  what: string
  /** Offset of the first difference; the excerpts start a little before it. */
  at: number
  library: string
  direct: string | undefined
}

function firstDifference(a: string, b: string): number {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return i
}

/** Where each document's two renderings differ (at most `limit` documents). */
function mismatches(cases: Iterable<[string, unknown]>, limit = 20): Mismatch[] {
  const out: Mismatch[] = []
  for (const [what, document] of cases) {
    const library = toGoYamlWithYamlLibrary(document)
    const direct = emitGoYaml(document)
    if (direct === library || out.length >= limit) continue
    const at = firstDifference(library, direct ?? '')
    const from = Math.max(0, at - 80)
    out.push({ what, at, library: library.slice(from, at + 120), direct: direct?.slice(from, at + 120) })
  }
  return out
}

describe('corpus projects render byte for byte as with the yaml library', () => {
  const files = yamlFiles(CORPUS)
  it('finds the corpus', () => expect(files.length).toBeGreaterThanOrEqual(400))

  it('every project that loads, as config, config --format json, the raw and the --no-interpolate model', async () => {
    let loaded = 0
    const bad: Mismatch[] = []
    for (const file of files) {
      const rel = file.slice(CORPUS.length + 1)
      let result
      try {
        result = await load({ cwd: dirname(file), files: [file], env: { HOME: '/home/test' }, home: '/home/test' })
      } catch {
        continue
      }
      loaded++
      const documents: [string, unknown][] = [
        [`${rel} config`, toDocument(result.project, 'yaml')],
        [`${rel} json document`, toDocument(result.project, 'json')],
        [`${rel} raw model`, result.model],
      ]
      for (const [what, document] of documents) {
        // the direct writer must take every compose document, not hand it to the library
        expect(emitGoYaml(document), what).toBeDefined()
      }
      bad.push(...mismatches(documents, 5))
      const text = renderConfig(result.project)
      expect(text, rel).toBe(toGoYamlWithYamlLibrary(toDocument(result.project, 'yaml')).replace(/\$/g, '$$$$'))
      try {
        const raw = await load({ cwd: dirname(file), files: [file], env: { HOME: '/home/test' }, home: '/home/test', noInterpolate: true, consistency: false })
        const ctx = { projectName: raw.name, workingDir: raw.workingDir, home: '/home/test', env: raw.environment, resolvePaths: true, normalize: true }
        bad.push(...mismatches([[`${rel} --no-interpolate`, normalizeRawModel(raw.model, ctx, { lenient: true })]], 5))
      } catch {
        // loads only interpolated
      }
    }
    expect(loaded).toBeGreaterThanOrEqual(280)
    expect(bad).toEqual([])
  }, 120_000)
})

/** Every upper/lower case spelling of a short word. */
function casings(word: string): string[] {
  let out = ['']
  for (const ch of word) {
    const forms = ch.toLowerCase() === ch.toUpperCase() ? [ch] : [ch.toLowerCase(), ch.toUpperCase()]
    out = out.flatMap((prefix) => forms.map((f) => prefix + f))
  }
  return out
}

const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~']
const SPECIAL_WORDS = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', 'nan', 'inf', 'none', 'nil', 'ok', 'ye', 'tru', 'nul']
const NUMERIC_LOOKING = [
  '0', '00', '-0', '+0', '7', '08', '09', '0440', '0o17', '0O17', '0b101', '0b', '0b2', '0x1F', '0xfg', '0x', '0X1F', '1_000', '_1000', '1000_', '1__0',
  '1e3', '1E3', '1e+3', '1e-3', '1.5e-3', 'e5', 'E5', '1e', '.e5', '1.e5', '.5', '5.', '.', '-.', '+.', '._', '0_', '1.2.3', '1,000', '1 000', '$1',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan', 'NaN', 'Infinity', '-Infinity', '1:20', '12:30', '12:30:45', '1:60',
  '190:20:30.15', '-1:30', '+1:30', '1:2:3:4', '1_0:20', '8080:80', '127.0.0.1:8080:80', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43Z', '2001-1-1', '20011214', '1.0', '1.10', '0.5', '3.14159265358979', '-1', '+1', '12345678901234567890',
  '99999999999999999999999', '1e999', '-1e999', '0x7fffffffffffffff', '64m', '10s', '1.27-alpine', 'v1', '<<', '<', '=', '~', '-~', '~~',
]
const STRUCTURAL = [
  '- ', '-', '--', '---', '--- a', '----', '---a', '...', '... a', '....', '..', '? ', '?', '?a', ': ', ':', ':a', 'a:', 'a: b', 'a:b', 'a :b', 'a : b',
  ' #', '#', '# c', 'a #b', 'a#b', 'a\t#b', '%YAML 1.1', '%', '%a', '!!int 5', '!!str 5', '!!null', '!!bool yes', '!!float 1', '!foo 5', '! 5', '!!binary aGk=',
  '&a 5', '&a', '*a', '&a !!int 5', '[1]', '[', ']', '{a: 1}', '{', '}', '"x"', "'x'", '"', "'", "'5'", '"5"', '|', '|-', '>', '>-', '|2', '@x', '`x`',
  '--port', '-\u00a0a', '-é', '-\t5', '- -', 'a, b', ',', 'yes # c', 'null # c', '5 # c', '5 #', '5#', 'x ---', '- 5', '-5', '-a', '-.5', '--5', '- - 5', '? 5 : 6', '5: 6', '{}', '[]', '\\', '\\n',
]
const WHITESPACE = [' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r', ' \n', '\n ', '\t\n', '\n\t', '\n\n\n', ' \n ']
const UNICODE = [
  'é', '日本語', 'Ωmega', '😀', '👍🏽', '\u00a0', '\u0085', '\u2028', '\u2029', '\ufeff', '\u200b', '\u3000', '\u0000', '\u0001', '\u0007', '\b', '\f',
  '\u000b', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f', '\u00ff', '\ud800', '\udc00', '\ud83d', 'a\ud83d', '\ufffd', '\uffff',
]

/** The strings to write: atoms alone, then at the start, middle and end of text, and next to spaces and line breaks. */
function trickyStrings(): string[] {
  const atoms = [
    ...ASCII_PUNCTUATION,
    ...SPECIAL_WORDS.flatMap(casings),
    ...NUMERIC_LOOKING,
    ...STRUCTURAL,
    ...WHITESPACE,
    ...UNICODE,
    '',
    'a',
    'nginx:1.27',
  ]
  const out = new Set<string>()
  for (const atom of atoms) {
    for (const s of [atom, `${atom}x`, `x${atom}`, `x${atom}y`, `${atom} `, ` ${atom}`, `${atom}\n`, `\n${atom}`, `${atom}\nline`, `line\n${atom}`, `${atom}${atom}`, `5${atom}`, `${atom}5`, `a ${atom} b`]) {
      out.add(s)
    }
  }
  const paragraph = 'The quick brown fox jumps over the lazy dog; "quoted" and \'single\' too.'
  for (const s of [
    'a'.repeat(2000),
    `${paragraph} `.repeat(40),
    `${paragraph}\n`.repeat(30),
    `  indented first line\nsecond\n`,
    `#!/bin/sh\nset -e\n\necho "hello $USER"\nexit 0\n`,
    `line one\r\nline two\r\n`,
    `trailing blank lines\n\n\n`,
    `\n\nleading blank lines`,
    `\n  leading newline then spaces`,
    `  both\n  indented\n`,
    `text\n  \n`,
    `text\n\t`,
    `only\n\n\ninner blanks\n\n`,
    `--- doc\nbody`,
    `a\n---\nb`,
    `a\n...\nb`,
    `%directive\nnext`,
    `tab\tinside\nnext`,
    `with 'single' quotes\nand more`,
    `with "double" quotes\nand more`,
    `both ' and "\nlines`,
    `space before \nbreak`,
    `long enough text for a multi-line double quoted scalar\u0007\nsecond line\n\nthird`,
    `long enough text for a multi-line double quoted scalar \n second line with spaces \n`,
    `short\u0001\nx`,
    `${'x'.repeat(1100)}`,
    `${'x'.repeat(1020)} y`,
    `'${'x'.repeat(1022)}`,
  ]) {
    out.add(s)
  }
  return [...out]
}

/** One string as a top-level value, a nested value, sequence items, keys at two depths and the root. */
function placements(s: string): [string, unknown][] {
  const name = JSON.stringify(s).slice(0, 80)
  return [
    [`${name} as value`, { key: s }],
    [`${name} nested`, { services: { web: { command: [s, 'x'], labels: { l: s } } } }],
    [`${name} in sequences`, [s, [s], [[s]], { k: [s] }]],
    [`${name} as key`, { [s]: 'v', other: { [s]: null } }],
    [`${name} as key of a sequence item`, [{ [s]: [s] }]],
    [`${name} at the root`, s],
  ]
}

/** Short random strings of YAML's meaningful characters and fragments (a fixed seed: the same strings every run). */
function randomStrings(count: number, seed: number): string[] {
  const pieces = [...' \t\n\r:#-?"\'0159yYnNeEx._+!&*[]{},|>%@`~<=aTZ\\/$', ' ', '\n', ':', '-', '.', 'é', '😀', '\u00a0', '\u2028', '\ufeff',
    '\u0085', '\u0007', 'inf', 'nan', 'yes', 'No', 'null', '0x', '0b', '1e3', '12:30', '2001-12-14', '<<', '---', '...', ' #', ': ', '\n ', ' \n', '\r\n',
    'several words of text ']
  let state = seed
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return Math.floor((state / 0x80000000) * n)
  }
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(8) }, () => pieces[next(pieces.length)]).join(''))
}

describe('generated strings render byte for byte as with the yaml library', () => {
  const strings = [...new Set([...trickyStrings(), ...randomStrings(3000, 20_251_126)])]

  it('has a few thousand strings', () => expect(strings.length).toBeGreaterThan(5000))

  it('as keys, values, sequence items and at the root', { timeout: 60_000 }, () => {
    expect(mismatches(strings.flatMap(placements))).toEqual([])
  })

  it('many strings in one document (key order, indentation across items)', { timeout: 60_000 }, () => {
    const map = Object.fromEntries(strings.map((s, i) => [`k${i}`, s]))
    const keys = (): Record<string, number> => Object.fromEntries(strings.map((s, i) => [s, i]))
    expect(mismatches([['values', { top: map, list: strings }], ['keys', { keys: keys(), nested: [{ keys: keys() }] }]])).toEqual([])
  })
})

describe('other values render byte for byte as with the yaml library', () => {
  const numbers = [0, -0, 1, -1, 42, 1.5, -2.25, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 2 ** 53, -(2 ** 53) - 2, Number.MAX_VALUE, Number.MIN_VALUE,
    Number.EPSILON, NaN, Infinity, -Infinity, 0o440, 288, 3.0, 1e300 * 10]
  const cases: [string, unknown][] = [
    ['numbers as values', Object.fromEntries(numbers.map((n, i) => [`n${i}`, n]))],
    ['numbers in a sequence', numbers],
    ['bigint', { big: 12345678901234567890n, small: -5n }],
    ['booleans and null', { t: true, f: false, n: null, list: [true, false, null] }],
    ['undefined', { a: undefined, b: 1, list: [undefined, 1, undefined], only: { x: undefined }, holes: [1, , 3] }],
    ['empty collections', { m: {}, l: [], nested: [{}, [], [[]], { a: {} }, { a: [] }], deep: { x: { y: {} } } }],
    ['nested sequences', { l: [[1, 2], [[3, [4]]], [], [{ a: 1, b: [2, { c: 3 }] }]] }],
    ['maps in sequences', [{ a: 1, b: { c: [1, 2] } }, { 'x y': 'z', '- k': '- v' }]],
    ['a null-prototype object', Object.assign(Object.create(null) as object, { a: 1, b: [1] })],
    ['an empty root map', {}],
    ['an empty root sequence', []],
    ['a root number', 5],
    ['a root null', null],
    ['a root boolean', true],
    ['numeric keys first', { b: 1, 2: 'two', a: 3, 1: 'one', '-1': 'minus' }],
    ['explicit key with a collection value', { ['k'.repeat(1030)]: { a: 1, b: [1, 2] }, ['l'.repeat(1030)]: [1, { c: 2 }], ['m'.repeat(1030)]: {} }],
  ]
  it('numbers, booleans, null, undefined, empty and nested collections, long keys', () => {
    expect(mismatches(cases)).toEqual([])
    for (const [what, document] of cases) expect(emitGoYaml(document), what).toBeDefined()
  })

  it('leaves Map, Set, Date, class instances, functions, symbols and shared references to the library', () => {
    const shared = { a: 1 }
    const list = ['x']
    class Thing {
      readonly x = 1
    }
    const others: [string, unknown][] = [
      ['a Map', { m: new Map<unknown, unknown>([['a', 1], [2, 'b']]) }],
      ['a Set', { s: new Set(['a']) }],
      ['a Date', { d: new Date(0) }],
      ['bytes', { b: new Uint8Array([1, 2, 3]) }],
      ['a class instance', { t: new Thing() }],
      ['a shared object', { a: shared, b: shared }],
      ['a shared array', [list, { l: list }]],
      ['a boxed string', { s: new String('yes') }],
    ]
    const empty: unknown[] = []
    others.push(['one empty array twice', { a: empty, b: empty }])
    // the library cannot write bytes with lineWidth 0 (it throws); toGoYaml throws the same
    const outcome = (write: (d: unknown) => string, document: unknown): string => {
      try {
        return write(document)
      } catch (error) {
        return `throws ${String(error)}`
      }
    }
    for (const [what, document] of others) {
      expect(emitGoYaml(document), what).toBeUndefined()
      expect(outcome(toGoYaml, document), what).toBe(outcome(toGoYamlWithYamlLibrary, document))
    }
    expect(toGoYaml(undefined)).toBe(toGoYamlWithYamlLibrary(undefined))
  })
})

describe('the copied YAML 1.1 patterns', () => {
  it('are the yaml library schema tags a plain string may not match', () => {
    const tags = new Document(null, { version: '1.1' }).schema.tags
    const tests = tags.flatMap((t) => (t.default !== false && t.default !== undefined && t.tag !== 'tag:yaml.org,2002:str' && t.test ? [t.test.source] : []))
    expect([...YAML11_NON_STRING_TESTS, ...YAML11_OTHER_TAG_TESTS].map((t) => t.source).sort()).toEqual(tests.sort())
    const nonString = tags.flatMap((t) => (t.default === true && t.test && /:(null|bool|int|float)$/.test(t.tag) ? [t.test.source] : []))
    expect(YAML11_NON_STRING_TESTS.map((t) => t.source).sort()).toEqual(nonString.sort())
  })
})
