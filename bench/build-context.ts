/**
 * Build-context streaming: a generated 200 MiB context (150 × 1 MiB, one 48 MiB file, 2048 ×
 * 1 KiB, a .dockerignore) is walked and tarred by `prepareContext`, once into a sink and once
 * into the engine's `POST /build`, each in a child process whose peak RSS is reported.
 * Measured, not asserted: the check shows the RSS growth while streaming (peak minus the
 * process's RSS before it) as a fraction of the context size.
 * Opt-in: `npm run bench build-context`.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import type { BenchReport } from './report.ts'

const MiB = 1024 * 1024

async function generate(dir: string): Promise<number> {
  let total = 0
  const block = new Uint8Array(MiB)
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24
  await writeFile(join(dir, 'Dockerfile'), 'FROM busybox:latest\n')
  await writeFile(join(dir, '.dockerignore'), '*.tmp\n')
  for (let i = 0; i < 150; i++) {
    const sub = join(dir, `d${i % 10}`)
    await mkdir(sub, { recursive: true })
    await writeFile(join(sub, `f${i}.bin`), block)
    total += MiB
  }
  const big = new Uint8Array(48 * MiB).fill(1)
  await writeFile(join(dir, 'big.bin'), big)
  total += big.byteLength
  await mkdir(join(dir, 'small'), { recursive: true })
  const kib = new Uint8Array(1024).fill(2)
  for (let i = 0; i < 2048; i++) {
    await writeFile(join(dir, 'small', `s${i}.txt`), kib)
    total += kib.byteLength
  }
  return total
}

interface ChildResult {
  bytes: number
  ms: number
  baselineRssKb: number
  peakRssKb: number
}

function child(dir: string, mode: 'sink' | 'engine', env: Readonly<Record<string, string | undefined>>): Promise<ChildResult> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  const script = fileURLToPath(new URL(`./_build-context-child.${ext}`, import.meta.url))
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, dir, mode], { env: env as NodeJS.ProcessEnv, maxBuffer: MiB }, (error, stdout, stderr) => {
      if (error !== null) return reject(new Error(`${mode}: ${error.message}\n${stderr}`))
      resolve(JSON.parse(stdout.trim()) as ChildResult)
    })
  })
}

export async function buildContextBench(env: Readonly<Record<string, string | undefined>>): Promise<BenchReport> {
  const dir = await mkdtemp(join(tmpdir(), 'compose-bench-ctx-'))
  try {
    const size = await generate(dir)
    const modes: ('sink' | 'engine')[] = env.COMPOSE_BENCH_ENGINE === '0' ? ['sink'] : ['sink', 'engine']
    const results: [string, ChildResult][] = []
    for (const mode of modes) results.push([mode, await child(dir, mode, env)])
    const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MiB`
    return {
      title: `Build context streaming, ${(size / MiB).toFixed(0)} MiB context (time; peak RSS of the streaming process)`,
      rows: results.map(([mode, r]) => ({ name: `${mode}: ${(r.bytes / MiB).toFixed(1)} MiB tar, RSS ${mb(r.baselineRssKb)} → peak ${mb(r.peakRssKb)}`, meanMs: r.ms })),
      // growth over the process's RSS before streaming: garbage-collector slack, not the context
      checks: results.map(([mode, r]) => ({ name: `${mode}: RSS growth / context size`, value: ((r.peakRssKb - r.baselineRssKb) * 1024) / size, target: 0.5 })),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
