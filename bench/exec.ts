/**
 * `exec` round-trip latency (issue 5, "Benchmarks"): `compose exec -T svc true` (bin/compose.cjs run as
 * an executable, as `compose` and `npx compose` run it)
 * against `docker exec <container> true` in the same run, interleaved, on one running busybox
 * service; plus the library's `project.exec()` in-process (no process start, no project load)
 * against the same docker exec. Measured, not asserted: the ratio is reported against the 1.2×
 * target. Run with `npm run bench -- exec` (`COMPOSE_BENCH_EXEC_RUNS`, default 15).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { createCompose } from '../adapters/lib/index.ts'
import { setsExtraCaCerts, VIA_NODE } from './_node-env.ts'
import type { BenchReport } from './report.ts'

const REPO = fileURLToPath(new URL(existsSync(new URL('../../bin/compose.cjs', import.meta.url)) ? '../../' : '../', import.meta.url))
const OURS = process.env.COMPOSE_BENCH_BIN ?? join(REPO, 'bin/compose.cjs')

type Env = Readonly<Record<string, string | undefined>>

function timedSpawn(cmd: string, args: readonly string[], cwd: string, env: Env): number {
  const start = performance.now()
  const res = spawnSync(cmd, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  const ms = performance.now() - start
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr}`)
  return ms
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

export async function execBench(env: Env): Promise<BenchReport> {
  const runs = Number(env.COMPOSE_BENCH_EXEC_RUNS ?? 15)
  const name = `bench-exec-${Math.random().toString(36).slice(2, 8)}`
  const dir = mkdtempSync(join(tmpdir(), `${name}-`))
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  svc:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n')
  const project = await createCompose({ cwd: dir, env }).project({ projectName: name })
  try {
    await project.up()
    const container = `${name}-svc-1`
    const ours: number[] = []
    const docker: number[] = []
    const library: number[] = []
    const viaNode = setsExtraCaCerts(env)
    const oursViaNode: number[] = []
    const argv = ['-p', name, 'exec', '-T', 'svc', 'true']
    const io = { stdout: () => {}, stderr: () => {} }
    // warm-up: file system caches, the engine's first exec
    timedSpawn(OURS, argv, dir, env)
    timedSpawn('docker', ['exec', container, 'true'], dir, env)
    for (let i = 0; i < runs; i++) {
      ours.push(timedSpawn(OURS, argv, dir, env))
      if (viaNode) oursViaNode.push(timedSpawn('node', [OURS, ...argv], dir, env))
      docker.push(timedSpawn('docker', ['exec', container, 'true'], dir, env))
      const start = performance.now()
      const result = await project.exec({ service: 'svc', command: ['true'], io })
      library.push(performance.now() - start)
      if (result.exitCode !== 0) throw new Error(`library exec exited ${result.exitCode}`)
    }
    const floor = median(Array.from({ length: 5 }, () => timedSpawn('node', ['-e', ''], dir, env)))
    const m = { ours: median(ours), docker: median(docker), library: median(library) }
    const plain = viaNode ? median(oursViaNode) : undefined
    return {
      title: `exec round trip (median of ${runs}, interleaved; node start-up alone ${floor.toFixed(0)} ms${viaNode ? ' with NODE_EXTRA_CA_CERTS set' : ''})`,
      rows: [
        { name: 'compose exec -T svc true', meanMs: m.ours },
        ...(plain === undefined ? [] : [{ name: `exec -T svc true as ${VIA_NODE}`, meanMs: plain }]),
        { name: 'docker exec <container> true', meanMs: m.docker },
        { name: 'library project.exec() (in-process)', meanMs: m.library },
      ],
      checks: [
        { name: 'compose exec / docker exec', value: m.ours / m.docker, target: 1.2 },
        { name: 'library exec / docker exec', value: m.library / m.docker, target: 1.2 },
      ],
    }
  } finally {
    await project.down({ timeout: 0 }).catch(() => undefined)
    await project.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
