/**
 * The fast YAML path (./yaml-fast.ts) against the `yaml` library path of parse.ts: on every
 * compose file of the shared corpus and the benchmark fixture (LF, CRLF, and the fixture as
 * JSON), on tricky inline texts, on a few thousand deterministic mutations of them and on
 * generated compose-like YAML in many styles, the fast path must either bail out or return
 * exactly what the library path returns (model, key order, value types, SourceNode trees with
 * their positions, tags and child order), and then only for texts that the library reads
 * without problems or warnings; with alias and node budgets it must stop exactly where the
 * library path does. It must take the corpus and the fixture.
 */
import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { composeFixture } from '../../bench/loader-fixture.ts'
import { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_NODES, parseCompose, parseComposeWithYamlLibrary, type ParseOptions, type ParseResult } from './parse.ts'
import { fastParseComposeOrThrow, resolvePlain } from './yaml-fast.ts'
import { CORPUS, yamlFiles } from '../../test/conformance/_corpus.ts'

/** YAML_FAST_FUZZ=20 runs 20 times more mutations and generated texts (a deeper run by hand). */
const FUZZ_SCALE = Math.max(1, Number(process.env['YAML_FAST_FUZZ'] ?? '1') || 1)


/** Order-preserving text of a result: Map entries in order, -0, NaN and ±Infinity spelled out. */
function canonical(result: ParseResult): string {
  return JSON.stringify(result, (_key, value: unknown) => {
    if (value instanceof Map) return { map: [...value.entries()] }
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return `number:${Object.is(value, -0) ? '-0' : String(value)}`
    return value
  })
}

type Outcome = 'accepted' | 'bailed'

/** Fast path vs library path on one text: equal when the fast path answers. */
function compare(text: string, options: ParseOptions = { file: 'compose.yaml' }): Outcome {
  const limits = { file: options.file, maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT, maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES }
  const fast = fastParseComposeOrThrow(text, limits)
  if (fast === undefined) return 'bailed'
  const slow = parseComposeWithYamlLibrary(text, options)
  const context = `text: ${JSON.stringify(text.length > 2000 ? `${text.slice(0, 2000)}…` : text)}`
  expect(slow.problems, context).toEqual([])
  expect(slow.warnings, context).toEqual([])
  expect(fast.problems).toEqual([])
  expect(fast.warnings).toEqual([])
  expect(canonical(fast), context).toBe(canonical(slow))
  expect(fast, context).toStrictEqual(slow)
  return 'accepted'
}

/** Texts the fast path must take (and get exactly right). */
const ACCEPTED: Record<string, string> = {
  'plain scalars and core schema types': [
    'a: nginx', 'b: 0440', 'c: "0440"', 'd: 1e3', 'e: .5', 'f: -.inf', 'g: +.INF', 'h: .NaN', 'i: 0x1F', 'j: 0o17', 'k: +12',
    'l: ~', 'm: null', 'n: Null', 'o: NULL', 'p: True', 'q: FALSE', 'r: true', 's: yes', 't: on', 'u: y', 'v: -0', 'w: 08',
    'x: 1.', 'y: 1.50', 'z: 0X1F', 'aa: 1_000', 'ab: -12', 'ac: 12345678901234567890', 'ad: 1e400', 'ae: 00', 'af: nULL', 'ag: tRUE',
    'ah: 3.14e-2', 'ai: -.5E+3', 'aj: .inf', 'ak: +0o7', 'al: 0o', 'am: "true"', "an: 'null'", 'ao:', 'ap: 0.0', 'aq: 07.5',
  ].join('\n'),
  'keys that look like other types when quoted, and odd plain keys': [
    '"1": a', "'true': b", '"null": c', 'on: d', 'y: e', 'no: f', '"<<": g', 'key with spaces: h', 'a:b: i', 'x-y.z/w: j',
    'k#l: m', '-dash: n', ':colon: o', '?q: p', '"a\\"b": q', "'it''s': r", 'sp  :  s', '"": t', '0440x: u', '1a: v',
  ].join('\n'),
  'plain scalars with indicators inside': [
    'a: http://example.com:8080/x?y=1#frag', 'b: a,b[c]{d}', 'c: x!not-a-tag', 'd: x # a comment', 'e: x#not-a-comment',
    'f: -x', 'g: --flag=1', 'h: "${VAR:-default}"', 'i: $${escaped}', 'j: a: b'.replace('a: b', 'a:b'), 'k: 50%', "l: it's", 'm: say "hi"',
    'n: ./path/to/file:ro', 'o: 127.0.0.1:8080:80/tcp', 'p: ?query', 'q: :colon',
  ].join('\n'),
  'multi-line plain scalars': [
    'a: one',
    '  two',
    '  three',
    'b: one',
    '',
    '  two',
    '',
    '',
    '  three   ',
    'c:',
    '  own line',
    '   and more',
    'd:',
    '  - item one',
    '    continued - with dash',
    '    [and] {flow} chars',
    'e: x',
    '  - y',
  ].join('\n'),
  'single-quoted scalars': [
    "a: 'it''s'",
    "b: ''",
    "c: 'one",
    "  two'",
    "d: 'one  ",
    '',
    "   two  '",
    "e: '  lead and trail  '",
    "f: '# not a comment'",
    "g: 'a: b'",
  ].join('\n'),
  'double-quoted scalars and escapes': [
    'a: "tab\\there"',
    'b: "\\x41\\u00e9\\U0001F600"',
    'c: "\\0\\a\\b\\e\\f\\n\\r\\v\\N\\_\\L\\P\\ \\"\\/\\\\"',
    'd: "one',
    '  two  ',
    '',
    '  three"',
    'e: "escaped \\',
    '    newline"',
    'f: "trailing   "',
    'g: ""',
    'h: "a\\\\"',
    'i: "\\ud83d\\ude00"',
    'j: "# not a comment" # a comment',
  ].join('\n'),
  'block scalars with every chomping and indentation indicator': [
    'l: |', '  line 1', '    more', '  line 3', '', '',
    'ls: |-', '  text', '', 'lk: |+', '  text', '', '',
    'f: >', '  folded', '  lines', '', '  para', '    more indented', '  back', '',
    'fs: >-', '  a', '  b', 'fk: >+', '  a', '  b', '', '',
    'e1: |2', '   lead space', '  x', 'e2: |1-', '  two', 'e3: >2+', '    more', '  x', '',
    'e4: |-2', '  x', 'emp: |', 'emp2: |+', '', 'emp3: >-', '',
    'c: | # comment', '  # not a comment', '  x',
    'seq:', '  - |', '    in a seq', '  - >-', '    folded', '    in seq', '  -   |2', '      two', '  - !override &bs |1+', '     one', '',
    '  - |', '   ', '   at dash + 1', '  - |', '  ', '   x', '  - run: |', '      echo hi', '      echo bye', '    name: x',
    'lead: |', '', '  after a blank', 'spaces: |', '  a', '      ', '  b', '     ',
    'last: |', '  no final newline',
  ].join('\n'),
  'flow collections': [
    'a: [1, two, "three", \'four\', [5], {six: 6}]',
    'b: {x: 1, "y": 2, \'z\': [a, b], e: , n: null}',
    'c: []',
    'd: {}',
    'e: [a, b, ]',
    'f: [',
    '  one,',
    '  two  # comment',
    '  ,',
    '# low comment',
    '  three',
    ']',
    'g: {',
    '  k: v,',
    '  l:',
    '    w',
    '}',
    'h:',
    '  - [x, y]',
    '  - {k: v}',
    'i: [-1, -x, a:b, "c" ]',
    'j: [http://a.b:80/c, "d,e"]',
    'k: { a: [ { b: c } ] }',
  ].join('\n'),
  'anchors, aliases and merge keys': [
    'x-base: &base {image: a, restart: always, labels: {k: v}}',
    'x-more: &more',
    '  restart: "no"',
    '  init: true',
    'x-list: &list [a, b]',
    'x-scalar: &s value',
    'services:',
    '  one:',
    '    <<: [*base, *more]',
    '    image: b',
    '  two:',
    '    <<: *base',
    '    labels: *list',
    '    command: *s',
    '  three: {<<: *more, x: *s}',
    '  four:',
    '    <<:',
    '      - *more',
    '      - *base',
    '  five:',
    '    <<: {a: 1}',
    '    b: 2',
    '  six:',
    '    <<: *base',
    '    <<: *more',
    'x-redefined: &base [re, defined]',
    'seven: *base',
    'eight: [&i inner, *i]',
  ].join('\n'),
  '!reset and !override': [
    'services:',
    '  web:',
    '    command: !reset []',
    '    entrypoint: !reset null',
    '    ports: !override ["8080:80"]',
    '    env: !override',
    '      A: 1',
    '    e2: !reset',
    '    e3: !override',
    '    list:',
    '      - !override 12',
    '      - !reset x',
    '      - !override [a]',
    '      - keep',
    '    anchored: &r !reset {a: 1}',
    '    alias-of-reset: *r',
    '    tagged-then-anchor: !override &o {b: 2}',
    '    use-o: *o',
  ].join('\n'),
  'sequences in every layout': [
    'a:',
    '- x',
    '- y',
    'b:',
    '  - x',
    '  -   y',
    '  -',
    '  - ',
    '  -    ',
    '  - # comment',
    '    z',
    'c:',
    '  - k: v',
    '    l: w',
    '  - "q": v',
    '  -   spaced: out',
    '      more: here',
    '  - k:',
    '    - nested',
    '    l: 1',
    '  -',
    '    own: line',
    '  -',
    '    - own line seq',
  ].join('\n'),
  'comments, blank lines and a document start': [
    '# leading comment',
    '',
    '--- # start',
    '# another',
    'a: 1 # trailing',
    '   # indented comment',
    'b:   # comment after key',
    '  # comment before value',
    '  c: 2',
    '# low comment inside',
    '  d: 3',
    '',
    '',
  ].join('\n'),
  'unicode and trailing spaces': 'name: café   \nemoji: "😀"  \n日本: 語\nlabels:\n  ü: ö  # c\n  "ß": \'ẞ\'   \n',
  'an indented root mapping': '  a: 1\n  b:\n    c: 2\n',
  'a key-only and empty values': 'a:\nb: ~\nc: ""\nd:\n  # only a comment\ne: end',
  'CRLF line endings': 'a: 1\r\nb: |\r\n  x\r\n  y\r\nc: "p\r\n  q"\r\nd: [1,\r\n  2]\r\ne: one\r\n  two\r\n',
  'JSON': JSON.stringify({ services: { web: { image: 'nginx', ports: ['80:80'], environment: { A: '1', B: null }, init: true, cpus: 0.5, x: [] } } }, null, 2),
  'a one-line flow mapping at the top': '{a: 1, b: [x, "y"]} # c\n',
  'a top-level flow mapping over lines': '{\na: 1,\n"b": "two\nlines",\n  c: {d: e}\n}\n',
}

/** Small documents at the edges; each must be taken. */
const EDGES = ['', '\n', '#', '   \n  \n', 'a: 1\n   ', '<<: {a: 1}\nb: 2', 'a: &x\nb: *x', 'a: !reset # c\nb: 1', 'k: &a\n- x\nj: *a',
  '"a"  : 1', "a: 'x'  # c", 'a: >\n\n  b\n\n\n  c\n   d\n  e\n', 'a:\n  b:\n  - 1\n  c: 2', 'a: [a, b]  \n', 'a: "x"\n  # c\nb: 1',
  'a: |', 'a: |+', 'a: >-\n', 'a: |\n  x', 'a:\n  - ', 'a:\n  -', 'a: x\n\n\nb: y', 'a: "x\n\n  y"', "a: 'x\n\n\n  y'", 'a: [\n]', 'a: {\n }',
  'k: {a: 1\n  # c\n  }', 'k: {a: 1,\n# c\n  }', 'k: {a:\n# c\n  }', 'k: [a\n# c\n  ]', 'k: {a: [1,\n# c\n 2]}', 'k: [{a: 1}\n# c\n  ]']

/** Texts the fast path may bail on (it must never be wrong on them). */
const ANY: Record<string, string> = {
  tab: 'a:\n\tb: 1\n',
  'tab in a value': 'a: x\ty\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'document end': 'a: 1\n...\n',
  'complex key': '? a\n: b\n',
  'duplicate key': 'a: 1\na: 2\n',
  'non-string key': '1: a\n',
  'bool key': 'true: a\n',
  'null key': '~: a\n',
  'unknown anchor': 'a: *nope\n',
  'anchor cycle': 'a: &x [*x]\n',
  'anchor cycle under reset': 'a: &x !reset [*x]\nb: 1\n',
  'other tag': 'a: !!str 1\n',
  'custom tag': 'a: !custom x\n',
  'not a mapping': '- a\n',
  'scalar document': 'just text\n',
  'empty document': '---\n',
  'flow sequence at the top': '[a, b]\n',
  'document marker inside a top-level flow mapping': '{a: 1,\n---\n}\n',
  'minified JSON': '{"a":1,"b":[true,null]}',
  'comment at column 0 after a flow mapping value': 'k: {a: 1\n# c\n  }\n',
  'comment at column 0 after a nested flow mapping value': 'k: [{a: 1\n# c\n  }]\n',
  'comment at column 0 after a top-level flow mapping value': '{a: "1"\n# c\n}\n',
  'bad indentation': 'a:\n  b: 1\n c: 2\n',
  'nested compact sequence': '- - a\n',
  'bad escape': 'a: "\\q"\n',
  'unterminated quote': 'a: "x\n',
  'unclosed flow': 'a: [1, 2\n',
  'merge of a scalar': 'x: &s s\na:\n  <<: *s\n',
  'key too long': `${'k'.repeat(1100)}: v\n`,
  'proto key': '__proto__: {a: 1}\n',
  bom: '\ufeffa: 1\n',
  'lone CR': 'a: 1\rb: 2\n',
  'comment without space': 'a: "x"#c\n',
  'alias with props': 'x: &a 1\nb: !reset *a\n',
  'block scalar with leading more-indented line': 'a: |\n    \n  x\n',
  'block scalar header junk': 'a: |x\n  y\n',
  'empty tagged sequence item': 'a:\n  - !override\n',
  'flow pair in a sequence': 'a: [b: c]\n',
  'JSON-style flow key': 'a: {"b":1}\n',
  'alias budget': ['a: &a [x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join('\n'),
}

function corpusFiles(): string[] {
  return yamlFiles(CORPUS)
}

describe('fast YAML path: plain scalars', () => {
  it('resolves like the core schema plus go-yaml octal', () => {
    const cases: [string, unknown][] = [
      ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'], ['true', true], ['True', true],
      ['TRUE', true], ['tRUE', 'tRUE'], ['False', false], ['yes', 'yes'], ['on', 'on'], ['0440', 288], ['0', 0], ['08', 8],
      ['0o17', 15], ['0x1F', 31], ['0X1F', '0X1F'], ['+12', 12], ['-0', -0], ['1e3', 1000], ['.5', 0.5], ['1.', 1],
      ['-.inf', Number.NEGATIVE_INFINITY], ['.NaN', Number.NaN], ['.nAn', '.nAn'], ['1_000', '1_000'], ['+.5e-1', 0.05],
    ]
    for (const [text, value] of cases) expect(resolvePlain(text), text).toStrictEqual(value)
  })
})

describe('fast YAML path against the yaml library', () => {
  // whole-corpus differential work: seconds on an idle machine, more under CI's parallel load
  it('takes every corpus file and the benchmark fixture, LF and CRLF, with identical results', { timeout: 120_000 }, () => {
    const files = corpusFiles()
    expect(files.length).toBeGreaterThan(400)
    const inputs: [string, string][] = files.map((f) => [f.slice(CORPUS.length + 1), readFileSync(f, 'utf8')])
    inputs.push(['composeFixture(200)', composeFixture(200)])
    const fixtureModel = parseComposeWithYamlLibrary(composeFixture(200), { file: 'f' }).documents[0]?.model
    inputs.push(['composeFixture(200) as JSON', JSON.stringify(fixtureModel, null, 2)])
    let slowAccepts = 0
    const bailed: string[] = []
    for (const [name, text] of [...inputs, ...inputs.map(([n, t]): [string, string] => [`${n} (CRLF)`, t.replace(/\n/g, '\r\n')])]) {
      const slow = parseComposeWithYamlLibrary(text, { file: name })
      const clean = slow.problems.length === 0 && slow.warnings.length === 0
      if (clean) slowAccepts++
      if (compare(text, { file: name }) === 'bailed' && clean) bailed.push(name)
    }
    const accepted = slowAccepts - bailed.length
    console.info(`fast YAML path: ${accepted} of ${slowAccepts} clean inputs accepted (corpus files and the fixture, LF and CRLF); bailed: ${bailed.join(', ') || 'none'}`)
    expect(accepted / slowAccepts).toBeGreaterThan(0.9)
    expect(bailed).not.toContain('composeFixture(200)')
    expect(bailed).not.toContain('composeFixture(200) (CRLF)')
  })

  for (const [name, text] of Object.entries(ACCEPTED)) {
    it(`takes ${name}`, () => {
      expect(compare(text)).toBe('accepted')
    })
  }

  it('takes small documents at the edges', () => {
    for (const text of EDGES) expect(compare(text), JSON.stringify(text)).toBe('accepted')
  })

  for (const [name, text] of Object.entries(ANY)) {
    it(`is right or bails: ${name}`, () => {
      compare(text)
    })
  }

  it('honours the alias and node budgets exactly where the library path stops', () => {
    const common = ['x-common: &common', ...Array.from({ length: 10 }, (_, i) => `  k${i}: v${i}`), 'x-more: &more {<<: *common, l: [*common, x]}', 'services:']
    for (let i = 0; i < 50; i++) common.push(`  s${i}:`, `    <<: ${i % 2 === 0 ? '*common' : '[*more, *common]'}`, '    image: alpine', `    list: ${i % 3 === 0 ? '*more' : '[a]'}`)
    const text = common.join('\n')
    expect(compare(text)).toBe('accepted')
    /** The smallest limit under which the library path reports nothing. */
    const threshold = (limit: 'maxAliasCount' | 'maxNodes'): number => {
      let low = 0
      let high = 1_000_000
      while (low < high) {
        const mid = (low + high) >> 1
        if (parseComposeWithYamlLibrary(text, { file: 'compose.yaml', [limit]: mid }).problems.length === 0) high = mid
        else low = mid + 1
      }
      return low
    }
    for (const limit of ['maxAliasCount', 'maxNodes'] as const) {
      const at = threshold(limit)
      expect(at).toBeGreaterThan(100)
      expect(compare(text, { file: 'compose.yaml', [limit]: at }), `${limit} ${at}`).toBe('accepted')
      expect(compare(text, { file: 'compose.yaml', [limit]: at - 1 }), `${limit} ${at - 1}`).toBe('bailed')
    }
  })

  // whole-corpus differential work: seconds on an idle machine, more under CI's parallel load
  it('is what parseCompose returns, and parseCompose still reports what the library reports', { timeout: 120_000 }, () => {
    const text = ACCEPTED['anchors, aliases and merge keys'] ?? ''
    expect(canonical(parseCompose(text, { file: 'f' }))).toBe(canonical(parseComposeWithYamlLibrary(text, { file: 'f' })))
    const bad = 'services:\n  foo:\n    command: a\n    command: b\n'
    expect(parseCompose(bad, { file: 'f' })).toStrictEqual(parseComposeWithYamlLibrary(bad, { file: 'f' }))
    expect(parseCompose(bad, { file: 'f' }).problems[0]?.message).toBe('line 4: mapping key "command" already defined at line 3')
  })
})

// ---------------------------------------------------------------------------------------------
// Mutations

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const INSERTS = [':', '-', "'", '"', '#', '&', '*', '!', '[', ']', '{', '}', ',', '\t', ' ', '  ', '\n', '|', '>', '?', '%', '@', '`', '\\',
  '~', '.', '0', 'a', ': ', '- ', ' #', '&a ', '*a', '!reset ', '!override ', '<<: *a', '---', '...', '\r', '\r\n', '|-', '>+', '|2', '"\\', "''", '\\x4']

function mutate(text: string, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n)
  const at = pick(text.length + 1)
  const lines = text.split('\n')
  const line = pick(lines.length)
  switch (pick(10)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + pick(3))
    case 1:
    case 2:
      return text.slice(0, at) + (INSERTS[pick(INSERTS.length)] ?? '') + text.slice(at)
    case 3:
      return text.slice(0, at) + text.slice(at, at + 1 + pick(4)) + text.slice(at)
    case 4:
      lines.splice(line, 1)
      return lines.join('\n')
    case 5:
      lines.splice(line, 0, lines[pick(lines.length)] ?? '')
      return lines.join('\n')
    case 6: {
      const other = Math.min(lines.length - 1, line + 1)
      ;[lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? '']
      return lines.join('\n')
    }
    case 7: {
      const current = lines[line] ?? ''
      const delta = [-2, -1, 1, 2][pick(4)] ?? 1
      lines[line] = delta > 0 ? ' '.repeat(delta) + current : current.replace(new RegExp(`^ {0,${-delta}}`), '')
      return lines.join('\n')
    }
    case 8: {
      const c = text[at] ?? ''
      return text.slice(0, at) + (c === ' ' ? 'x' : ' ') + text.slice(at + 1)
    }
    default: {
      const other = pick(text.length + 1)
      const [from, to] = at < other ? [at, other] : [other, at]
      return text.slice(0, from) + text.slice(to, to + 1) + text.slice(from + 1)
    }
  }
}

/** About 30 corpus files with the most variety (block scalars, anchors, flow, quotes), then every k-th. */
function fuzzSeeds(): string[] {
  const small = corpusFiles().filter((f) => statSync(f).size < 6000)
  const score = (text: string): number => ['|', '>', '&', '*', '[', '{', '"', "'", '<<', '!', '#'].filter((s) => text.includes(s)).length
  const texts = small.map((f) => readFileSync(f, 'utf8'))
  const varied = [...texts.keys()].sort((a, b) => score(texts[b] ?? '') - score(texts[a] ?? '') || a - b).slice(0, 18)
  const spread = [...texts.keys()].filter((i) => i % Math.ceil(texts.length / 12) === 0 && !varied.includes(i))
  return [...varied, ...spread].map((i) => texts[i] ?? '')
}

describe('fast YAML path on mutated texts', () => {
  it('is right or bails on a few thousand deterministic mutations', () => {
    const seeds = [...fuzzSeeds(), composeFixture(3), ...Object.values(ACCEPTED), JSON.stringify(parseCompose(composeFixture(2), { file: 'f' }).documents[0]?.model, null, 1)]
    const random = prng(20_240_601)
    let accepted = 0
    let total = 0
    for (const seed of seeds) {
      for (let i = 0; i < 70 * FUZZ_SCALE; i++) {
        let text = seed
        const rounds = 1 + Math.floor(random() * 3)
        for (let r = 0; r < rounds; r++) text = mutate(text, random)
        total++
        if (compare(text) === 'accepted') accepted++
      }
    }
    console.info(`fast YAML path: ${accepted} of ${total} mutated texts accepted, the rest bailed out`)
    expect(total).toBeGreaterThan(3000)
    expect(accepted).toBeGreaterThan(total / 4)
  }, 60_000 * FUZZ_SCALE)
})

// ---------------------------------------------------------------------------------------------
// Generated texts: random compose-like YAML in many styles (most of it valid)

const WORDS = ['web', 'image', 'on', 'y', 'no', 'x-a', 'k.v', 'a b', '0440', '1e3', '.5', '-.inf', '0x1F', '0o17', '+12', '~', 'null', 'True',
  'FALSE', '', 'a:b', 'http://h:1/p', '${X:-y}', "it's", 'say "q"', '-x', ':c', '?q', 'é', '😀', '0', '-0', '08', '1.', '1_0']
const TAGS = ['', '', '', '', '!reset ', '!override ']

class Gen {
  readonly #random: () => number
  readonly #anchors: string[] = []
  readonly #mapAnchors: string[] = []
  /** Anchor of the node being written, registered once it is complete. */
  #pending: string | undefined
  #counter = 0

  constructor(seed: number) {
    this.#random = prng(seed)
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#random() * list.length)] as T
  }

  chance(p: number): boolean {
    return this.#random() < p
  }

  int(n: number): number {
    return Math.floor(this.#random() * n)
  }

  document(): string {
    const out: string[] = []
    if (this.chance(0.2)) out.push('# generated')
    if (this.chance(0.1)) out.push('---')
    this.mapping(0, 0, out)
    return out.join('\n') + (this.chance(0.8) ? '\n' : '')
  }

  key(): string {
    const w = this.pick(WORDS)
    const k = `${w}${this.#counter++}`
    if (this.chance(0.15)) return JSON.stringify(k)
    if (this.chance(0.1)) return `'${k.replace(/'/g, "''")}'`
    return /^[\w.-]+$/.test(k) && typeof resolvePlain(k) === 'string' ? k : `k${this.#counter}`
  }

  props(): string {
    const p = this.pick(TAGS)
    this.#pending = undefined
    if (!this.chance(0.15)) return p
    const name = `a${this.#counter++}`
    this.#pending = name
    return this.chance(0.5) ? `&${name} ${p}` : `${p}&${name} `
  }

  mapping(indent: number, depth: number, out: string[], first?: string): void {
    const n = 1 + this.int(4)
    for (let i = 0; i < n; i++) {
      const pad = i === 0 && first !== undefined ? first : ' '.repeat(indent)
      if (this.chance(0.1)) out.push(`${' '.repeat(this.int(indent + 3))}# comment`)
      if (this.chance(0.1)) out.push(' '.repeat(this.int(3)))
      if (this.chance(0.1) && this.#mapAnchors.length > 0) {
        const one = (): string => `*${this.pick(this.#mapAnchors)}`
        out.push(`${pad}<<: ${this.chance(0.7) ? one() : `[${one()}, ${one()}]`}`)
        continue
      }
      this.value(`${pad}${this.key()}:`, indent, depth, out, false)
    }
  }

  value(head: string, indent: number, depth: number, out: string[], inSeq: boolean): void {
    const kind = depth > 3 ? this.int(4) : this.int(8)
    const props = this.props()
    const anchor = this.#pending
    this.emit(kind, props, head, indent, depth, out, inSeq)
    if (anchor === undefined) return
    this.#anchors.push(anchor)
    if (kind === 4 || kind === 5 || (kind === 3 && out.at(-1)?.endsWith('}'))) this.#mapAnchors.push(anchor)
  }

  emit(kind: number, props: string, head: string, indent: number, depth: number, out: string[], inSeq: boolean): void {
    const step = 1 + this.int(3)
    if (kind === 0) out.push(`${head} ${props}${this.scalar()}${this.chance(0.1) ? ' # c' : ''}`)
    else if (kind === 1) this.quotedLines(`${head} ${props}`, indent + step, out)
    else if (kind === 2) this.blockScalar(`${head} ${props}`, indent, step, out)
    else if (kind === 3) out.push(...this.flow(`${head} ${props}`, indent + 1 + this.int(2), depth).split('\n'))
    else if (kind === 4 && this.#anchors.length > 0 && props === '') out.push(`${head} *${this.pick(this.#anchors)}`)
    else if (kind === 4 || kind === 5) {
      out.push(`${head}${props === '' ? '' : ` ${props.trimEnd()}`}`)
      this.mapping(indent + step, depth + 1, out)
    } else {
      out.push(`${head}${props === '' ? '' : ` ${props.trimEnd()}`}`)
      this.sequence(inSeq ? indent + step : indent + (this.chance(0.4) ? 0 : step), depth + 1, out)
    }
  }

  sequence(indent: number, depth: number, out: string[]): void {
    const n = 1 + this.int(3)
    for (let i = 0; i < n; i++) {
      const pad = ' '.repeat(indent)
      const gap = ' '.repeat(1 + this.int(2))
      if (this.chance(0.35) && depth < 4) this.mapping(indent + 1 + gap.length, depth + 1, out, `${pad}-${gap}`)
      else if (this.chance(0.1)) out.push(`${pad}-${this.chance(0.5) ? ' ' : ''}`)
      else this.value(`${pad}-`, indent, depth, out, true)
    }
  }

  scalar(): string {
    const w = this.pick(WORDS)
    if (w === '' || /^[&*!|>%@`'"#,[\]{}]|^[-?:]( |$)|: | #|:$/.test(w)) return JSON.stringify(w)
    return w
  }

  quotedLines(head: string, indent: number, out: string[]): void {
    const lines = 1 + this.int(3)
    const single = this.chance(0.5)
    const parts: string[] = []
    for (let i = 0; i < lines; i++) {
      const common = ['a', 'b c', '  lead', 'trail  ', '', '# h', 'x: y', '   ']
      parts.push(this.pick(single ? [...common, "q''q", "''", '\\n'] : [...common, 'q\\"q', '\\t\\x41', '\\u00e9\\U0001F600', '\\\\', 'x\\ ', 'end\\', "'"]))
    }
    const q = single ? "'" : '"'
    const [first, ...rest] = parts
    out.push(`${head}${q}${first ?? ''}${rest.length === 0 ? q : ''}`)
    rest.forEach((p, i) => out.push(`${' '.repeat(Math.max(0, indent + this.int(3) - (this.chance(0.1) ? 1 : 0)))}${p}${i === rest.length - 1 ? q : ''}`))
  }

  blockScalar(head: string, indent: number, step: number, out: string[]): void {
    const chomp = this.pick(['', '-', '+'])
    const explicit = this.chance(0.7) ? '' : String(1 + this.int(3))
    out.push(`${head}${this.chance(0.5) ? '|' : '>'}${this.chance(0.5) ? chomp + explicit : explicit + chomp}${this.chance(0.1) ? ' # c' : ''}`)
    const base = indent + (explicit === '' ? step : Number(explicit))
    const n = 1 + this.int(5)
    for (let i = 0; i < n; i++) {
      const r = this.int(10)
      if (r === 0) out.push('')
      else if (r === 1) out.push(' '.repeat(this.int(base + 4)))
      else out.push(`${' '.repeat(base + (r === 2 ? 1 + this.int(3) : r === 3 && this.chance(0.3) ? -1 : 0))}${this.pick(['text', 'more words', '# hash', '- dash', 'a: b', "'q'"])}`)
    }
    for (let i = this.int(3); i > 0; i--) out.push(' '.repeat(this.int(base + 3)))
  }

  flow(head: string, indent: number, depth: number): string {
    const map = this.chance(0.5)
    const n = this.int(4)
    const items: string[] = []
    for (let i = 0; i < n; i++) {
      const brk = this.chance(0.2) ? `\n${' '.repeat(indent + this.int(3))}` : ''
      const item = depth < 3 && this.chance(0.2) ? this.flow('', indent, depth + 1) : this.chance(0.1) && this.#anchors.length > 0 ? `*${this.pick(this.#anchors)}` : this.flowScalar()
      items.push(map ? `${brk}${this.flowScalar()}: ${item}` : `${brk}${item}`)
    }
    const close = this.chance(0.2) ? `\n${' '.repeat(Math.max(0, indent - (this.chance(0.8) ? this.int(2) : 2)))}` : ''
    const [open, end] = map ? ['{', '}'] : ['[', ']']
    return `${head}${open}${items.join(this.pick([', ', ',', ' ,']))}${this.chance(0.1) ? ',' : ''}${close}${end}`
  }

  flowScalar(): string {
    const w = this.pick(WORDS)
    return w === '' || /[,[\]{}#&*!|>%@`'"]|^[-?:]|:/.test(w) ? JSON.stringify(w) : `${w}`
  }
}

describe('fast YAML path on generated texts', () => {
  it('is right or bails on generated compose-like YAML, and takes most of it', () => {
    let accepted = 0
    let total = 0
    for (let seed = 1; seed <= 2500 * FUZZ_SCALE; seed++) {
      const text = new Gen(seed).document()
      total++
      if (compare(text) === 'accepted') accepted++
      if (seed % 5 === 0) compare(mutate(text, prng(seed)))
      // small budgets: both paths must agree on where they stop
      if (seed % 7 === 0) compare(text, { file: 'compose.yaml', maxAliasCount: seed % 40, maxNodes: 10 + (seed % 90) })
    }
    console.info(`fast YAML path: ${accepted} of ${total} generated texts accepted`)
    expect(accepted).toBeGreaterThan(total / 3)
  }, 60_000 * FUZZ_SCALE)
})
