/**
 * Parity of `config` with docker-compose v1.29.2 (Debian's Python `docker-compose`) on the
 * corpus's awesome/ samples. Each sample is copied to a temporary folder of the same name (so
 * both tools derive the same project name) with its missing build contexts created empty (v1
 * refuses a `build:` path that does not exist; the corpus leaves the app sources out). Both
 * tools run there with the same minimal environment; the two outputs are parsed, normalized
 * (./_normalize.ts) and diffed.
 *
 * Standalone: `npm run build && npx jiti test/parity/v1-config.ts [sample...]`.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'
import { diffConfigs, normalizeConfig, type Difference, type Model } from './_normalize.ts'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const AWESOME = resolve(REPO_ROOT, '../shared/corpus/awesome')
const COMPOSE_BIN = join(REPO_ROOT, 'bin/compose.cjs')

export interface RunOutput {
  code: number
  stdout: string
  stderr: string
  ms: number
}

export interface SampleResult {
  sample: string
  project: string
  v1: RunOutput
  ours: RunOutput
  /** v1 rejected the file as is and was run on an adjusted copy (see `adjustForV1`). */
  v1Adjusted?: string
  differences: Difference[]
}

export function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<RunOutput> {
  const started = performance.now()
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', (e) => done({ code: 127, stdout: '', stderr: e.message, ms: performance.now() - started }))
    child.on('close', (code) => done({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started }))
  })
}

/** The minimal environment both tools get: no shell variable may leak into interpolation. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' }
  if (process.env['DOCKER_HOST'] !== undefined) env['DOCKER_HOST'] = process.env['DOCKER_HOST']
  return env
}

export function composeFileOf(dir: string): string {
  const name = readdirSync(dir).find((f) => /^(compose|docker-compose)\.ya?ml$/.test(f))
  if (name === undefined) throw new Error(`no compose file in ${dir}`)
  return name
}

/** The awesome/ sample names, sorted. */
export function awesomeSamples(root = AWESOME): string[] {
  return readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
}

/** Copies a sample into `into/<sample>` and creates the build contexts the corpus leaves out. */
export function prepareSample(sampleDir: string, into: string): string {
  const dir = join(into, basename(sampleDir))
  cpSync(sampleDir, dir, { recursive: true })
  const model = parse(readFileSync(join(dir, composeFileOf(dir)), 'utf8')) as Model | null
  const services = model?.['services']
  if (services !== null && typeof services === 'object' && !Array.isArray(services)) {
    for (const svc of Object.values(services)) {
      if (svc === null || typeof svc !== 'object' || Array.isArray(svc)) continue
      const build = svc['build']
      const context = typeof build === 'string' ? build : build !== null && typeof build === 'object' && !Array.isArray(build) ? build['context'] : undefined
      if (build !== undefined) mkdirSync(resolve(dir, typeof context === 'string' ? context : '.'), { recursive: true })
    }
  }
  return dir
}

/**
 * v1.29.2's schema predates the top-level `name:` (it says "'name' does not match any of the
 * regexes: '^x-'"): remove it and pass it as `-p` so the rest of the file is still compared.
 */
function adjustForV1(dir: string, file: string): string[] | undefined {
  const text = readFileSync(join(dir, file), 'utf8')
  const model = parse(text) as Model | null
  const name = model?.['name']
  if (typeof name !== 'string') return undefined
  delete model?.['name']
  writeFileSync(join(dir, 'v1-adjusted.yaml'), stringify(model))
  return ['-p', name, '-f', 'v1-adjusted.yaml']
}

function projectName(sample: string, ours: Model | undefined): string {
  const named = ours?.['name']
  return typeof named === 'string' ? named : sample.toLowerCase().replace(/[^a-z0-9_-]/g, '')
}

export async function compareSample(sampleDir: string, workDir: string, v1Bin = 'docker-compose'): Promise<SampleResult> {
  const sample = basename(sampleDir)
  const dir = prepareSample(sampleDir, workDir)
  const file = composeFileOf(dir)
  const env = cleanEnv()
  const [firstV1, ours] = await Promise.all([
    run(v1Bin, ['-f', file, 'config'], dir, env),
    run(process.execPath, [COMPOSE_BIN, '-f', file, 'config', '--format', 'json'], dir, env),
  ])
  let v1 = firstV1
  let v1Adjusted: string | undefined
  if (v1.code !== 0 && v1.stderr.includes("'name' does not match any of the regexes")) {
    const args = adjustForV1(dir, file)
    if (args !== undefined) {
      v1 = await run(v1Bin, [...args, 'config'], dir, env)
      v1Adjusted = 'top-level name: moved to -p'
    }
  }
  const oursModel = ours.code === 0 ? (JSON.parse(ours.stdout) as Model) : undefined
  const v1Model = v1.code === 0 ? ((parse(v1.stdout) as Model | null) ?? {}) : undefined
  const project = projectName(sample, oursModel)
  const differences: Difference[] = []
  if (v1Adjusted !== undefined) differences.push({ path: '(v1 input)', v1: v1Adjusted, ours: null })
  if (v1Model === undefined || oursModel === undefined) {
    differences.push({ path: '(exit)', v1: `${v1.code} ${v1.stderr.trim()}`, ours: `${ours.code} ${ours.stderr.trim()}` })
  } else {
    const local = (m: Model): Model => JSON.parse(JSON.stringify(normalizeConfig(m, project)).split(dir).join('<sample>')) as Model
    differences.push(...diffConfigs(local(v1Model), local(oursModel)))
  }
  return { sample, project, v1, ours, ...(v1Adjusted === undefined ? {} : { v1Adjusted }), differences }
}

/** Runs every sample (at most `parallel` at once) in a fresh temporary folder, removed afterwards. */
export async function runParity(samples: readonly string[] = awesomeSamples(), parallel = 6, root = AWESOME): Promise<SampleResult[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'compose-parity-'))
  try {
    const results: SampleResult[] = new Array<SampleResult>(samples.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const i = next++
        results[i] = await compareSample(join(root, samples[i] as string), workDir)
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, samples.length) }, worker))
    return results
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

export function v1Available(v1Bin = 'docker-compose'): Promise<boolean> {
  return run(v1Bin, ['version', '--short'], process.cwd(), cleanEnv()).then((r) => r.code === 0 && r.stdout.startsWith('1.'))
}

const invoked = process.argv[1] !== undefined && /v1-config\.ts$/.test(process.argv[1])
if (invoked) {
  const results = await runParity(process.argv.slice(2).length > 0 ? process.argv.slice(2) : awesomeSamples())
  for (const r of results) {
    process.stdout.write(`${r.sample}: ${r.differences.length} difference(s)\n`)
    for (const d of r.differences) process.stdout.write(`  ${d.path}\n    v1:   ${JSON.stringify(d.v1)}\n    ours: ${JSON.stringify(d.ours)}\n`)
  }
  const same = results.filter((r) => r.differences.length === 0).length
  process.stdout.write(`\n${same}/${results.length} samples identical after normalization\n`)
}
