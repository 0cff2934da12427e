/**
 * Test-only helpers shared by the loader's data-driven suites: the corpus location, a loader
 * with the built-in env plugin, and strict expected failures (a listed case must still fail;
 * when it starts passing, the suite says so and the entry must be removed). Named `.test.ts`
 * so that builds and packages leave it out; its own test checks that the corpus is there.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ComposeError } from '../errors.ts'
import { HOOK_KINDS } from '../hooks.ts'
import { PluginHost } from '../plugin/host.ts'
import { envPlugin } from '../../plugins/env/index.ts'
import { loadProject, type LoadOptions, type LoadResult } from './index.ts'

export const CORPUS = new URL('../../../shared/corpus/loader/', import.meta.url)
export const EXTRACTED = new URL('extracted/', CORPUS)

export function readCorpusYaml<T>(name: string): T {
  return parse(readFileSync(new URL(name, EXTRACTED), 'utf8')) as T
}

export function load(options: Omit<LoadOptions, 'host'> & { plugins?: boolean }): Promise<LoadResult> {
  const host = new PluginHost(HOOK_KINDS, options.plugins === false ? [] : [envPlugin()])
  return loadProject({ ...options, host })
}

/** Every message a failed load carries: the error's and its issues'. */
export function messagesOf(error: unknown): string[] {
  if (!(error instanceof ComposeError)) return [String(error)]
  return [error.message, ...error.issues.map((i) => i.message)]
}

export async function loadError(options: Parameters<typeof load>[0]): Promise<ComposeError> {
  try {
    await load(options)
  } catch (error) {
    if (error instanceof ComposeError) return error
    throw error
  }
  throw new Error('expected the load to fail')
}

/**
 * Declares a corpus case. When `expectedFailure` gives a reason, the case must fail; if it
 * passes, the test fails and asks for the entry to be removed from the list.
 */
export function corpusCase(name: string, expectedFailure: string | undefined, body: () => Promise<void>): void {
  if (expectedFailure === undefined) {
    it(name, body)
    return
  }
  it(`${name} [expected failure: ${expectedFailure}]`, async () => {
    let passed = false
    try {
      await body()
      passed = true
    } catch {
      // the expected failure
    }
    expect(passed, `"${name}" passes now: remove it from the expected failures`).toBe(false)
  })
}

describe('loader corpus', () => {
  it('is next to the repository (../shared/corpus)', () => {
    for (const name of ['interpolation-cases.yaml', 'dotenv-cases.yaml', 'project-options-cases.yaml', 'error-cases.yaml']) {
      expect(existsSync(new URL(name, EXTRACTED)), name).toBe(true)
    }
    expect(existsSync(new URL('loader/testdata/extends/base.yaml', CORPUS))).toBe(true)
  })
})
