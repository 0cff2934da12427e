import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { findAliasBomb, mapAliases } from './_alias-budget.ts'

function bomb(text: string, maxAdded: number): number | undefined {
  const doc = parseDocument(text)
  return findAliasBomb(mapAliases(doc), maxAdded)
}

describe('findAliasBomb', () => {
  it('finds a 9^9 "billion laughs" at once, blaming the alias of the biggest anchor', () => {
    const lines = ['a0: &a0 lol']
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`)
    lines.push('use: *a9')
    const text = lines.join('\n')
    const started = performance.now()
    expect(bomb(text, 500_000)).toBe(text.lastIndexOf('*a9'))
    expect(performance.now() - started).toBeLessThan(200)
  })

  it('finds a quadratic chain of 10k merges', () => {
    const lines = ['m0: &m0 {k0: 0}']
    for (let i = 1; i < 10_000; i++) lines.push(`m${i}: &m${i} {<<: *m${i - 1}, k${i}: ${i}}`)
    expect(bomb(lines.join('\n'), 500_000)).toBeGreaterThan(0)
  })

  it('lets ordinary anchors through: a 20-node anchor merged into 1000 services', () => {
    const lines = ['x-common: &common', ...Array.from({ length: 10 }, (_, i) => `  k${i}: v${i}`), 'services:']
    for (let i = 0; i < 1000; i++) lines.push(`  s${i}:`, '    <<: *common', '    image: alpine')
    expect(bomb(lines.join('\n'), 500_000)).toBeUndefined()
    expect(bomb(lines.join('\n'), 10_000)).toBeGreaterThan(0)
  })

  it('survives an alias inside its own anchor and an undefined anchor (reported by the walker)', () => {
    expect(bomb('web: &web {labels: *web}\n', 10)).toBeUndefined()
    expect(bomb('a: *nope\n', 10)).toBeUndefined()
  })
})
