/**
 * Loader benchmarks on a realistic 200-service file (./loader-fixture.ts), opt-in in run.ts:
 * - `loader`: load + validate in-process (`loadProject` with the built-in env plugin, as the
 *   CLI runs it). Target: mean ≤ 50 ms on Node.
 * - `loader-process`: `compose config` as a whole process against docker-compose v1.29.2's
 *   `config` on the same file, interleaved in the same run. Target: ours ≥ 5× faster.
 * Both write the fixture (and the build contexts v1 insists on) to a temporary folder.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { Bench } from 'tinybench'
import { HOOK_KINDS, type ComposeHooks } from '../core/hooks.ts'
import { loadProject } from '../core/loader/index.ts'
import { PluginHost, resolvePlugins } from '../core/plugin/host.ts'
import { envPlugin } from '../plugins/env/index.ts'
import { composeFixture } from './loader-fixture.ts'
import type { BenchReport } from './report.ts'

const SERVICES = 200

/** The repository root from here (bench/ in the sources, dist/bench/ once built). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'bin/compose.cjs')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

function writeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-bench-'))
  writeFileSync(join(dir, 'compose.yaml'), composeFixture(SERVICES))
  for (let i = 0; i < SERVICES; i += 3) mkdirSync(join(dir, 'apps', `svc-${String(i).padStart(3, '0')}`), { recursive: true })
  return dir
}

function meanMs(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result as { latency?: { mean?: number }; mean?: number } | undefined
  return r?.latency?.mean ?? r?.mean ?? Number.NaN
}

export async function loaderBench(env: Readonly<Record<string, string | undefined>>): Promise<BenchReport> {
  const dir = writeFixture()
  try {
    const host = new PluginHost<ComposeHooks>(HOOK_KINDS, await resolvePlugins<ComposeHooks>([envPlugin()]))
    const loadEnv = { PATH: env['PATH'] }
    const load = async (): Promise<void> => {
      const result = await loadProject({ cwd: dir, env: loadEnv, files: ['compose.yaml'], projectName: 'bench', host })
      if (Object.keys(result.project.services).length !== SERVICES) throw new Error('fixture did not load in full')
    }
    const bench = new Bench({ time: 3000, warmupTime: 1000, warmupIterations: 5 })
    bench.add(`loadProject, ${SERVICES} services (${Math.round(readFileSync(join(dir, 'compose.yaml')).byteLength / 1024)} KiB)`, load)
    await bench.run()
    const rows = bench.tasks.map((t) => ({ name: t.name, meanMs: meanMs(bench, t.name) }))
    return {
      title: 'Loader in-process (mean ms per load + validate)',
      rows,
      checks: [{ name: 'mean ms per load (target ≤ 50 ms, shown as ms/50)', value: (rows[0]?.meanMs ?? Number.NaN) / 50, target: 1 }],
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function timeRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = performance.now()
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`)
  return performance.now() - started
}

export async function loaderProcessBench(env: Readonly<Record<string, string | undefined>>, runs = 10): Promise<BenchReport> {
  const dir = writeFixture()
  const bin = join(repoRoot(), 'bin/compose.cjs')
  const procEnv: NodeJS.ProcessEnv = { PATH: env['PATH'] ?? '/usr/bin:/bin', HOME: env['HOME'] ?? '/root' }
  try {
    const ours: number[] = []
    const v1: number[] = []
    timeRun(process.execPath, [bin, '-p', 'bench', 'config'], dir, procEnv) // warm the disk cache
    timeRun('docker-compose', ['-p', 'bench', 'config'], dir, procEnv)
    for (let i = 0; i < runs; i++) {
      ours.push(timeRun(process.execPath, [bin, '-p', 'bench', 'config'], dir, procEnv))
      v1.push(timeRun('docker-compose', ['-p', 'bench', 'config'], dir, procEnv))
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    return {
      title: `compose config as a whole process, ${SERVICES} services, ${runs} interleaved runs each`,
      rows: [
        { name: 'compose config (ours, node) mean', meanMs: mean(ours) },
        { name: 'compose config (ours, node) median', meanMs: median(ours) },
        { name: 'docker-compose v1.29.2 config mean', meanMs: mean(v1) },
        { name: 'docker-compose v1.29.2 config median', meanMs: median(v1) },
      ],
      checks: [{ name: 'ours / v1, median (target ≤ 0.2, i.e. ≥ 5× faster)', value: median(ours) / median(v1), target: 0.2 }],
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
