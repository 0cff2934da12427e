/**
 * Hostile compose inputs (reference/security.md 3.A; cases in ./_cases.ts) through `compose
 * config` as a whole process and through `up -d`: the CLI command when it exists, else the
 * library's `createCompose({cwd}).project()`, which is where `up` loads. Each refused case must
 * exit 15 with `error: file:line:col ...`, no stack trace, a bounded reply (time, peak RSS,
 * output size), and leave nothing on the engine. Legal near misses must load.
 * Needs `npm run build` (the CLI runs from dist/) and a Docker Engine.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { COMMANDS } from '../../adapters/cli/commands/index.ts'
import { exitCodeFor, renderError } from '../../adapters/cli/render-error.ts'
import { createCompose } from '../../adapters/lib/compose.ts'
import { ComposeError } from '../../core/errors.ts'
import { CASES, type Failing, type HostileCase } from './_cases.ts'
import { engineSnapshot, hasStackTrace, newEngineClient, runCli, type CliRun, type EngineSnapshot } from './_run.ts'

const FILES = join(dirname(fileURLToPath(import.meta.url)), 'files')
const PREFIX = 'hostile-'
/** Default budgets for one `config` process (node start-up included; the test machine is shared). */
const MAX_MS = 5000
const MAX_RSS_MIB = 256
const MAX_STDERR = 16 * 1024
/** In-process budget for the library load of the bombs and huge files (no process start-up). */
const MAX_LOAD_MS = 2000
const HAS_UP_COMMAND = Object.hasOwn(COMMANDS, 'up')

const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' }
const root = mkdtempSync(join(tmpdir(), 'compose-hostile-'))
const client = newEngineClient()
const empty: EngineSnapshot = { containers: [], networks: [], volumes: [] }
let before: EngineSnapshot = empty

function dirOf(c: HostileCase): string {
  return join(root, c.id)
}

function materialize(c: HostileCase): void {
  const dir = dirOf(c)
  if (c.generate === undefined) cpSync(join(FILES, c.id), dir, { recursive: true })
  else {
    mkdirSync(dir, { recursive: true })
    if (c.stdin !== true) writeFileSync(join(dir, 'compose.yaml'), c.generate())
  }
}

const projectOf = (c: HostileCase): string => `${PREFIX}${c.id}`
const fileArgs = (c: HostileCase): string[] => ['-f', c.stdin === true ? '-' : 'compose.yaml']
const stdinOf = (c: HostileCase): Uint8Array | undefined => (c.stdin === true ? c.generate?.() : undefined)

function where(c: HostileCase, expected: Failing): string {
  if (expected.at === 'file') return join(dirOf(c), 'compose.yaml')
  if (expected.at === '<stdin>') return '<stdin>'
  return join(dirOf(c), expected.at)
}

function expectRefused(c: HostileCase, expected: Failing, run: CliRun): void {
  const summary = `${c.id}: exit ${run.code}\n${run.stderr.slice(0, 2000)}`
  expect(run.code, summary).toBe(15)
  expect(run.stdout, summary).toBe('')
  expect(run.stderr.startsWith('error: '), summary).toBe(true)
  expect(run.stderr, summary).toMatch(expected.message)
  expect(run.stderr, summary).toContain(where(c, expected))
  expect(hasStackTrace(run.stderr), summary).toBe(false)
  expect(run.stderr.length, summary).toBeLessThan(MAX_STDERR)
}

function expectBudget(c: HostileCase, run: CliRun): void {
  expect(run.ms, `${c.id} took ${Math.round(run.ms)} ms`).toBeLessThan(c.budget?.ms ?? MAX_MS)
  if (run.rssMiB !== undefined) expect(run.rssMiB, `${c.id} peaked at ${Math.round(run.rssMiB)} MiB`).toBeLessThan(c.budget?.rssMiB ?? MAX_RSS_MIB)
}

beforeAll(async () => {
  for (const c of CASES) materialize(c)
  before = await engineSnapshot(client, PREFIX)
})

afterAll(async () => {
  await client.close()
  rmSync(root, { recursive: true, force: true })
})

const figures: string[] = []
afterAll(() => {
  if (figures.length > 0) console.info(`hostile inputs, config as a whole process:\n${figures.join('\n')}`)
})

describe('hostile compose inputs', () => {
  it('has the 10 categories of reference/security.md 3.A that concern files, 5+ cases each', () => {
    const counts = new Map<string, number>()
    for (const c of CASES) counts.set(c.category, (counts.get(c.category) ?? 0) + 1)
    expect(counts.size).toBe(10)
    for (const [category, n] of counts) expect(n, category).toBeGreaterThanOrEqual(5)
  })

  for (const c of CASES) {
    describe(`${c.category}: ${c.id}`, () => {
      it('compose config', async () => {
        const run = await runCli(['-p', projectOf(c), ...fileArgs(c), 'config'], dirOf(c), env, stdinOf(c))
        figures.push(`  ${c.id.padEnd(40)} exit ${String(run.code).padStart(2)}  ${String(Math.round(run.ms)).padStart(6)} ms  ${run.rssMiB === undefined ? '?' : Math.round(run.rssMiB)} MiB`)
        if (c.expect === 'ok') {
          expect(run.code, run.stderr).toBe(0)
          expect(Object.keys((parse(run.stdout) as { services: Record<string, unknown> }).services).length).toBeGreaterThan(0)
        } else expectRefused(c, c.expect, run)
        expectBudget(c, run)
        expect(await engineSnapshot(client, projectOf(c))).toEqual(empty)
      })

      it(HAS_UP_COMMAND ? 'compose up -d' : 'up -d through the library (createCompose().project(), where up loads)', async () => {
        if (HAS_UP_COMMAND && c.expect !== 'ok') {
          const run = await runCli(['-p', projectOf(c), ...fileArgs(c), 'up', '-d'], dirOf(c), env, stdinOf(c))
          expectRefused(c, c.expect, run)
          expectBudget(c, run)
        } else {
          // legal cases are loaded but never started: they exist to prove the loader accepts them
          const compose = createCompose({ cwd: dirOf(c), env, configFile: false })
          const stdin = stdinOf(c)
          const started = performance.now()
          const loading = compose.project({ projectName: projectOf(c), files: [c.stdin === true ? '-' : 'compose.yaml'], ...(stdin === undefined ? {} : { stdin: new TextDecoder().decode(stdin) }) })
          if (c.expect === 'ok') {
            expect((await loading).name).toBe(projectOf(c))
          } else {
            const error = await loading.then(() => undefined, (e: unknown) => e)
            expect(error, `${c.id} loaded without an error`).toBeInstanceOf(ComposeError)
            expect(exitCodeFor(error)).toBe(15)
            const text = renderError(error, false)
            expect(text).toMatch(c.expect.message)
            expect(text).toContain(where(c, c.expect))
            expect(hasStackTrace(text)).toBe(false)
            if (c.budget === undefined) expect(performance.now() - started, `${c.id} library load`).toBeLessThan(MAX_LOAD_MS)
          }
        }
        expect(await engineSnapshot(client, projectOf(c))).toEqual(empty)
      })
    })
  }

  it('created nothing on the engine for any hostile- project', async () => {
    expect(await engineSnapshot(client, PREFIX)).toEqual(before)
  })
})
