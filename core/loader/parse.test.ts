import { describe, expect, it } from 'vitest'
import { decodeComposeText, parseCompose } from './parse.ts'
import { ProblemError } from './_problems.ts'
import { createSourceMap } from './source-map.ts'

const parse = (text: string) => parseCompose(text, { file: 'compose.yaml' })

describe('parseCompose', () => {
  it('builds a plain model and locates every node', () => {
    const { documents, problems } = parse('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n')
    expect(problems).toEqual([])
    expect(documents[0]?.model).toEqual({ services: { web: { image: 'nginx', ports: ['80:80'] } } })
    const map = createSourceMap(documents[0]?.sources)
    expect(map.locate(['services', 'web', 'image'])).toEqual({ file: 'compose.yaml', line: 3, col: 5, path: 'services.web.image' })
    expect(map.locate(['services', 'web', 'ports', 0])).toMatchObject({ line: 5, col: 9 })
    expect(map.locate(['services', 'web', 'nope', 3])).toMatchObject({ line: 2, col: 3, path: 'services.web.nope[3]' })
  })

  it('keeps x- extensions and reads several documents', () => {
    const { documents } = parse('x-a: 1\nservices: {}\n---\nname: two\n')
    expect(documents.map((d) => d.model)).toEqual([{ 'x-a': 1, services: {} }, { name: 'two' }])
  })

  it('reads 0440 as an octal file mode, as go-yaml does, and quoted "0440" as text', () => {
    const { documents } = parse('services:\n  web:\n    secrets:\n      - {source: s, mode: 0440}\n      - {source: t, mode: "0440"}\n      - {source: u, mode: 0o440}\n')
    const secrets = (documents[0]?.model as { services: { web: { secrets: { mode: unknown }[] } } }).services.web.secrets
    expect(secrets.map((s) => s.mode)).toEqual([288, '0440', 288])
  })

  it('skips empty documents', () => {
    expect(parse('# only a comment\n').documents).toEqual([])
  })

  it('resolves anchors, aliases and merge keys (also lists of maps)', () => {
    const text = [
      'x-base: &base {image: a, restart: always}',
      'x-more: &more {restart: no, init: true}',
      'services:',
      '  one:',
      '    <<: [*base, *more]',
      '    image: b',
      '  two:',
      '    <<: *base',
      '    labels: &l [x]',
      '  three: {labels: *l}',
    ].join('\n')
    const { documents, problems } = parse(text)
    expect(problems).toEqual([])
    const services = (documents[0]?.model['services'] ?? {}) as Record<string, unknown>
    expect(services['one']).toEqual({ image: 'b', restart: 'always', init: true })
    expect(services['two']).toEqual({ image: 'a', restart: 'always', labels: ['x'] })
    expect(services['three']).toEqual({ labels: ['x'] })
    const map = createSourceMap(documents[0]?.sources)
    expect(map.locate(['services', 'one', 'restart'])).toMatchObject({ line: 1 })
  })

  it('records !reset and !override and drops reset values', () => {
    const { documents } = parse('services:\n  web:\n    command: !reset []\n    ports: !override ["8080:80"]\n')
    const doc = documents[0]
    expect(doc?.model).toEqual({ services: { web: { ports: ['8080:80'] } } })
    const web = doc?.sources.children?.get('services')?.children?.get('web')
    expect(web?.children?.get('command')?.tag).toBe('reset')
    expect(web?.children?.get('ports')?.tag).toBe('override')
  })

  it('reports duplicate keys with both lines, as compose-go', () => {
    const { problems } = parse('services:\n  foo:\n    command: a\n    command: !reset b\n')
    expect(problems[0]?.message).toBe('line 4: mapping key "command" already defined at line 3')
    expect(problems[0]?.source).toMatchObject({ line: 4, col: 5 })
  })

  it('rejects non-string keys', () => {
    expect(parse('services:\n  1: {}\n').problems[0]?.message).toBe('non-string key in services: 1')
  })

  it('keeps the yaml library code and position for syntax errors', () => {
    const { problems } = parse('services:\n  web: [a\n  x: y\n')
    expect(problems[0]?.code).toBe('LOAD_YAML')
    expect(problems[0]?.message).toMatch(/\([A-Z_]+\)$/)
    expect(problems[0]?.source?.file).toBe('compose.yaml')
  })

  it('reports at most 5 syntax errors per document, then how many more', () => {
    const { problems } = parse(`services:\n  web:\n    command: ${'['.repeat(2000)}\n`)
    expect(problems.length).toBeLessThanOrEqual(6)
    expect(problems.at(-1)?.message).toMatch(/^and \d+ more YAML errors in this document$/)
  })

  it('refuses a top level that is not a mapping', () => {
    expect(parse('- a\n').problems[0]?.message).toBe('top-level object must be a mapping')
  })

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      lines.push(`${p}: &${p} [${Array(9).fill(`*${q}`).join(', ')}]`)
    }
    const started = Date.now()
    const { problems } = parse(lines.join('\n'))
    expect(problems[0]?.code).toBe('LOAD_ALIAS_LIMIT')
    expect(problems[0]?.message).toContain('excessive aliasing')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('locates an alias bomb at its last alias, not at 1:1', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      lines.push(`${p}: &${p} [${Array(9).fill(`*${q}`).join(', ')}]`)
    }
    lines.push('h: *g')
    const { problems } = parse(lines.join('\n'))
    expect(problems[0]?.source).toMatchObject({ line: 8, col: 4 })
    expect(problems[0]?.message).toBe('document contains excessive aliasing')
  })

  it('reports an alias to an undefined anchor as such, at the alias', () => {
    const { problems } = parse('x: &base {restart: always}\nservices:\n  web:\n    <<: *base\n    image: *nope\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]?.code).toBe('LOAD_YAML')
    expect(problems[0]?.message).toBe('unknown anchor nope')
    expect(problems[0]?.source).toMatchObject({ line: 5, col: 5 })
  })

  it('rejects a merge key whose value is not a map', () => {
    expect(parse('x: &s "scalar"\nservices:\n  a:\n    <<: *s\n').problems[0]?.message).toContain('map merge requires map')
  })
})

describe('decodeComposeText', () => {
  it('decodes UTF-8 and UTF-16 with a BOM', () => {
    expect(decodeComposeText(new TextEncoder().encode('a: 1'), 'f')).toBe('a: 1')
    expect(decodeComposeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'f')).toBe('a')
  })

  it('refuses binary garbage and oversized files', () => {
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f()
      } catch (error) {
        return error instanceof ProblemError ? error.problem.code : 'other'
      }
      return undefined
    }
    expect(codeOf(() => decodeComposeText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]), 'f'))).toBe('LOAD_YAML')
    expect(codeOf(() => decodeComposeText(new Uint8Array([0xc3, 0x28]), 'f'))).toBe('LOAD_YAML')
    expect(codeOf(() => decodeComposeText(new Uint8Array(11), 'f', 10))).toBe('LOAD_FILE_TOO_LARGE')
  })
})
