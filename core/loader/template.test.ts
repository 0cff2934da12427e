import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { detectOperator, substitute, TemplateError, type Lookup } from './template.ts'

const corpus = (rel: string): unknown =>
  parse(readFileSync(new URL(`../../../shared/corpus/loader/extracted/${rel}`, import.meta.url), 'utf8'))

const lookupIn =
  (env: Record<string, string>): Lookup =>
  (name) =>
    Object.hasOwn(env, name) ? env[name] : undefined

describe('substitute', () => {
  const env = lookupIn({ FOO: 'first', BAR: '', lower: 'x' })

  it('replaces $VAR and ${VAR}', () => {
    expect(substitute('a $FOO ${FOO} b', env)).toBe('a first first b')
  })
  it('treats names case-insensitively in syntax but looks them up verbatim', () => {
    expect(substitute('$lower-${lower}', env)).toBe('x-x')
  })
  it('keeps $$ as a literal dollar', () => {
    expect(substitute('$$FOO $${FOO}', env)).toBe('$FOO ${FOO}')
  })
  it('reports unset variables through onUnset', () => {
    const unset: string[] = []
    expect(substitute('${A} $B ${C:-x}', env, { onUnset: (n) => unset.push(n) })).toBe('  x')
    expect(unset).toEqual(['A', 'B'])
  })
  it('does not evaluate the unused branch', () => {
    const unset: string[] = []
    expect(substitute('${A:+${A},}B', env, { onUnset: (n) => unset.push(n) })).toBe('B')
    expect(unset).toEqual([])
  })
  it('throws a TemplateError naming the variable for ${VAR:?msg}', () => {
    try {
      substitute('${NOPE:?set it}', env)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError)
      expect((error as TemplateError).variable).toBe('NOPE')
      expect((error as TemplateError).message).toBe('required variable NOPE is missing a value: set it')
    }
  })
  it('does not cross lines inside a braced expression', () => {
    expect(() => substitute('${A:-x\n}', env)).toThrow('Invalid template')
  })
})

interface StringCase {
  template?: string
  expect?: string
  error_contains?: string
  expression?: string
  operator?: string
}
interface Suite {
  name: string
  environment?: Record<string, string>
  value_location?: string
  cases: StringCase[]
}

describe('corpus: interpolation-cases.yaml (string level)', () => {
  const data = corpus('interpolation-cases.yaml') as { suites: Suite[] }
  const substitution = data.suites.find((s) => s.name.startsWith('substitution'))
  const operators = data.suites.find((s) => s.name.startsWith('operator detection'))

  it('has the expected suites', () => {
    expect(substitution?.cases.length).toBeGreaterThan(60)
    expect(operators?.cases.length).toBe(12)
  })

  for (const c of substitution?.cases ?? []) {
    it(`substitutes ${JSON.stringify(c.template)}`, () => {
      const env = lookupIn(substitution?.environment ?? {})
      const template = c.template ?? ''
      if (c.error_contains !== undefined) expect(() => substitute(template, env)).toThrow(c.error_contains)
      else expect(substitute(template, env)).toBe(c.expect)
    })
  }

  for (const c of operators?.cases ?? []) {
    it(`detects ${c.operator} in ${c.expression}`, () => {
      expect(detectOperator(c.expression ?? '')).toBe(c.operator)
    })
  }
})
