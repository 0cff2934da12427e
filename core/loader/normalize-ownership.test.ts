/**
 * Normalization never writes to the model it is given and shares no object with it: loadProject
 * hands `model` back to the caller (theirs to change) and freezes `project`, so one must not
 * reach into the other. Checked on every file of the shared corpus with the model frozen.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS, readYaml, rel, yamlFiles } from '../../test/conformance/_corpus.ts'
import { normalizeModel } from './normalize.ts'
import type { RawModel } from './types.ts'

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function objectsOf(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !into.has(value)) {
    into.add(value)
    for (const v of Object.values(value)) objectsOf(v, into)
  }
  return into
}

const files = existsSync(CORPUS) ? yamlFiles(CORPUS).filter((f) => !/expected|expectations|schema\//.test(f)) : []

describe('normalization owns its output', () => {
  it('finds the corpus', () => expect(files.length).toBeGreaterThan(100))
  it('does not mutate a frozen model nor share objects with it, on every corpus file', { timeout: 60_000 }, () => {
    let normalized = 0
    for (const file of files) {
      let model: RawModel
      try {
        model = readYaml(file)
      } catch {
        continue
      }
      if (typeof model['services'] !== 'object' || model['services'] === null) continue
      const before = JSON.stringify(model)
      deepFreeze(model)
      const ctx = { projectName: 'p', workingDir: dirname(file), home: '/home/u', env: { HOME: '/home/u' }, resolvePaths: true, normalize: true, readFile: (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) }
      let project: unknown
      try {
        project = normalizeModel(model, ctx)
      } catch (error) {
        // a model the loader would reject first (schema); a TypeError is a write to the frozen model
        if (error instanceof TypeError && /read only|not extensible|frozen|Cannot (add|assign|delete)/.test(error.message)) throw new Error(`${rel(file)}: ${error.message}`)
        continue
      }
      expect(JSON.stringify(model), rel(file)).toBe(before)
      const shared = [...objectsOf(project)].filter((o) => objectsOf(model).has(o))
      expect(shared.length, `${rel(file)} shares ${shared.length} objects with its model`).toBe(0)
      normalized++
    }
    expect(normalized).toBeGreaterThan(100)
  })
})
