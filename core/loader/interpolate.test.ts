import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { castValue, DEFAULT_CAST_RULES, interpolateModel, type CastKind } from './interpolate.ts'
import type { Lookup } from './template.ts'
import type { RawModel } from './types.ts'

const corpus = (rel: string): unknown =>
  parse(readFileSync(new URL(`../../../shared/corpus/loader/extracted/${rel}`, import.meta.url), 'utf8'))

const lookupIn =
  (env: Record<string, string>): Lookup =>
  (name) =>
    Object.hasOwn(env, name) ? env[name] : undefined

describe('interpolateModel', () => {
  it('interpolates values at any depth, never keys', () => {
    const { value, problems } = interpolateModel(
      { services: { web: { image: 'nginx:${TAG}', labels: { $KEY: '$KEY' }, command: ['echo', '$$HOME'] } } },
      { lookup: lookupIn({ TAG: '1.25', KEY: 'k' }) },
    )
    expect(problems).toEqual([])
    expect(value).toEqual({ services: { web: { image: 'nginx:1.25', labels: { $KEY: 'k' }, command: ['echo', '$HOME'] } } })
  })

  it('casts typed paths after substitution', () => {
    const { value } = interpolateModel(
      { services: { web: { ports: [{ target: '${P}' }], privileged: '${B}', cpus: '0.5' } }, volumes: { v: { external: 'yes' } } },
      { lookup: lookupIn({ P: '80', B: 'false' }) },
    )
    expect(value).toEqual({ services: { web: { ports: [{ target: 80 }], privileged: false, cpus: 0.5 } }, volumes: { v: { external: true } } })
  })

  it('collects every problem with its path', () => {
    const { problems } = interpolateModel(
      { services: { a: { image: '${NOPE:?need it}', scale: 'many', user: '${' } } },
      { lookup: lookupIn({}) },
    )
    expect(problems.map((p) => p.path)).toEqual([
      ['services', 'a', 'image'],
      ['services', 'a', 'scale'],
      ['services', 'a', 'user'],
    ])
    expect(problems[0]?.variable).toBe('NOPE')
    expect(problems[1]?.message).toContain('failed to cast to expected type')
  })

  it('reports unset variables with their path', () => {
    const seen: string[] = []
    interpolateModel({ services: { a: { image: '$X' } } }, { lookup: lookupIn({}), onUnset: (n, p) => seen.push(`${n}@${p.join('.')}`) })
    expect(seen).toEqual(['X@services.a.image'])
  })
})

interface DocCase {
  template?: string
  expect?: unknown
  error?: string
  input?: RawModel
}
interface Suite {
  name: string
  environment?: Record<string, string>
  value_location?: string
  cases: DocCase[]
}
interface CorpusFile {
  suites: Suite[]
  type_casts_after_interpolation: Record<string, string[]>
  boolean_cast_rules: Record<string, unknown>
}

describe('corpus: interpolation-cases.yaml (document level)', () => {
  const data = corpus('interpolation-cases.yaml') as CorpusFile

  for (const suite of data.suites.filter((s) => s.value_location !== undefined)) {
    const location = (suite.value_location ?? '').split('.')
    for (const c of suite.cases) {
      it(`${suite.name}: ${c.template}`, () => {
        const model: Record<string, unknown> = {}
        let node = model
        location.slice(0, -1).forEach((seg) => (node = node[seg] = {} as Record<string, unknown>))
        node[location.at(-1) ?? ''] = c.template
        const { value, problems } = interpolateModel(model, { lookup: lookupIn(suite.environment ?? {}) })
        if (c.error !== undefined) {
          // compose-go's test interpolated the services map, so its path lacks the `services.` prefix
          expect(problems[0]?.message).toBe(c.error.replace('interpolating myservice', 'interpolating services.myservice'))
          return
        }
        expect(problems).toEqual([])
        let got: unknown = value
        for (const seg of location) got = (got as Record<string, unknown>)[seg]
        expect(got).toBe(c.expect)
      })
    }
  }

  const whole = data.suites.find((s) => s.name === 'whole-document interpolation')
  for (const [i, c] of (whole?.cases ?? []).entries()) {
    it(`whole document #${i}`, () => {
      // the corpus case casts any `replicas` to int and any `required` to boolean (its own rule set)
      const casts = { '*.replicas': 'int', '*.required': 'boolean' } as const
      const { value, problems } = interpolateModel(c.input ?? {}, { lookup: lookupIn(whole?.environment ?? {}), casts })
      if (c.error !== undefined) expect(problems[0]?.message).toBe(c.error)
      else expect({ value, problems }).toEqual({ value: c.expect, problems: [] })
    })
  }

  const kinds: Record<string, CastKind> = { int: 'int', int64: 'int', float: 'float', float32: 'float', boolean: 'boolean' }
  it('casts exactly the attributes compose-go casts', () => {
    const expected: Record<string, CastKind> = {}
    for (const [kind, paths] of Object.entries(data.type_casts_after_interpolation)) {
      for (const path of paths) expected[path.replaceAll('[]', '.[]').replaceAll('..', '.')] = kinds[kind] as CastKind
    }
    expect({ ...DEFAULT_CAST_RULES }).toEqual(expected)
  })

  it('casts booleans with the accepted spellings', () => {
    expect(castValue('TRUE', 'boolean')).toEqual({ value: true })
    expect(castValue('false', 'boolean')).toEqual({ value: false })
    for (const s of ['y', 'yes', 'on']) expect(castValue(s, 'boolean')).toMatchObject({ value: true, warning: expect.stringContaining('YAML 1.2') })
    for (const s of ['n', 'no', 'off']) expect(castValue(s, 'boolean')).toMatchObject({ value: false })
    expect(castValue('maybe', 'boolean')).toHaveProperty('error')
    expect(Object.keys(data.boolean_cast_rules)).toHaveLength(5)
  })
})
