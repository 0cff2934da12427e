/**
 * Whole-process lifecycle benchmark (issue 4, "Benchmarks"): on generated projects of 10 and 30
 * idle busybox services, side by side in one run, the floor (./_lifecycle-floor.ts: the same
 * Engine API calls with maximal parallelism, run as a script of its own, so that like the other
 * two it pays for a process start; the in-process figure is printed too), docker-compose v1 and
 * ours (`bin/compose.cjs` run as an executable, as `compose` and `npx compose` run it):
 * `up -d` from nothing, a no-op `up -d`, `ps`, `down -t 0`, and our peak RSS (/usr/bin/time).
 * Run it with `npm run build && node dist/bench/lifecycle.js [10 30]`, or `npm run bench -- lifecycle`.
 * It prints measurements; nothing here asserts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { listContainers, removeContainer } from '../core/engine/api/containers.ts'
import { listNetworks, removeNetwork } from '../core/engine/api/networks.ts'
import { version as engineVersion } from '../core/engine/api/system.ts'
import { EngineClient } from '../core/engine/client.ts'
import { floorDown, floorUp } from './_lifecycle-floor.ts'
import { setsExtraCaCerts, VIA_NODE } from './_node-env.ts'
import type { BenchReport } from './report.ts'

const REPO = fileURLToPath(new URL(existsSync(new URL('../../bin/compose.cjs', import.meta.url)) ? '../../' : '../', import.meta.url))
const FLOOR_CLI = fileURLToPath(new URL(`./_lifecycle-floor-cli.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url))
/** `COMPOSE_BENCH_BIN` points at another build (e.g. a snapshot taken while others rebuild dist/). */
const OURS = process.env.COMPOSE_BENCH_BIN ?? join(REPO, 'bin/compose.cjs')
const REPEAT = 3
/** Runs of each short command (no-op `up -d`, `ps`): a tenth of a second each, noisier than `up`. */
const QUICK = 7

interface Run {
  ms: number
  rssKb: number | undefined
  code: number
  stderr: string
}

type Env = Readonly<Record<string, string | undefined>>

/** Runs a command under /usr/bin/time (wall clock measured here, peak RSS from time). */
function timed(cmd: string, args: readonly string[], cwd: string, env: Env): Run {
  const rssFile = join(cwd, '.rss')
  const useTime = existsSync('/usr/bin/time')
  const start = performance.now()
  const res = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args], { cwd, env: { ...env, NO_COLOR: '1' } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 600_000 })
    : spawnSync(cmd, args, { cwd, env: { ...env, NO_COLOR: '1' } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 600_000 })
  const ms = performance.now() - start
  const rss = useTime && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : undefined
  return { ms, rssKb: Number.isFinite(rss) ? rss : undefined, code: res.status ?? -1, stderr: (res.stderr ?? '').slice(-2000) }
}

function check(what: string, run: Run): Run {
  if (run.code !== 0) throw new Error(`${what} failed (${run.code}): ${run.stderr}`)
  return run
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

async function sweepProject(client: EngineClient, project: string): Promise<void> {
  const filters = { label: [`com.docker.compose.project=${project}`] }
  await Promise.all((await listContainers(client, { all: true, filters })).map((c) => removeContainer(client, c.Id, { force: true }).catch(() => undefined)))
  for (const n of await listNetworks(client, { filters })) await removeNetwork(client, n.Id).catch(() => undefined)
}

async function containerIds(client: EngineClient, project: string): Promise<string[]> {
  return (await listContainers(client, { filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => c.Id).sort()
}

export interface SizeResult {
  services: number
  /** The floor script as a whole process (median of REPEAT). */
  floorUp: number
  floorDown: number
  /** The same calls from inside this process (no start-up), for reference. */
  floorUpInProcess: number
  floorDownInProcess: number
  v1: { up: number; noop: number; ps: number; down: number }
  ours: { up: number; noop: number; ps: number; down: number; rssKb: number; recreatedOnNoop: number }
  /** Our no-op `up -d` and `ps` as `node bin/compose.cjs`, when the environment sets NODE_EXTRA_CA_CERTS (./_node-env.ts). */
  oursViaNode?: { noop: number; ps: number }
}

async function measureSize(client: EngineClient, n: number, env: Env): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), `bench-lifecycle-${n}-`))
  const services = Array.from({ length: n }, (_, i) => `s${String(i + 1).padStart(2, '0')}`)
  const yaml = `services:\n${services.map((s) => `  ${s}:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n`).join('')}`
  writeFileSync(join(dir, 'compose.yaml'), yaml)
  const tag = `${process.pid}-${n}`
  const names = { floor: `benchfloor${tag}`, v1: `benchv1${tag}`, ours: `benchours${tag}` }
  const log = (text: string): void => void process.stderr.write(`  [${n}] ${text}\n`)
  try {
    for (const p of Object.values(names)) await sweepProject(client, p)
    let start = performance.now()
    await floorUp(client, names.floor, services)
    const fUpIn = performance.now() - start
    start = performance.now()
    await floorDown(client, names.floor)
    const fDownIn = performance.now() - start
    log(`floor in-process up ${(fUpIn / 1000).toFixed(2)} s, down ${(fDownIn / 1000).toFixed(2)} s`)

    const floor = (args: string[]): Run => check(`floor ${args.join(' ')}`, timed('node', [FLOOR_CLI, ...args], dir, env))
    const v1 = (args: string[]): Run => check(`docker-compose ${args.join(' ')}`, timed('docker-compose', ['-p', names.v1, ...args], dir, env))
    const rss: number[] = []
    const viaNode = setsExtraCaCerts(env)
    const ours = (args: string[], launch: 'bin' | 'node' = 'bin'): Run => {
      const argv = [OURS, '-p', names.ours, ...args]
      const run = check(`compose ${args.join(' ')}`, launch === 'bin' ? timed(OURS, argv.slice(1), dir, env) : timed('node', argv, dir, env))
      if (run.rssKb !== undefined) rss.push(run.rssKb)
      return run
    }
    // up and down from nothing, REPEAT rounds, the three tools in turn (the engine's speed drifts)
    const t = { fUp: [] as number[], fDown: [] as number[], vUp: [] as number[], vDown: [] as number[], oUp: [] as number[], oDown: [] as number[] }
    for (let round = 0; round < REPEAT; round++) {
      t.fUp.push(floor(['up', names.floor, String(n)]).ms)
      t.fDown.push(floor(['down', names.floor]).ms)
      t.vUp.push(v1(['up', '-d']).ms)
      t.vDown.push(v1(['down', '-t', '0']).ms)
      t.oUp.push(ours(['up', '-d']).ms)
      t.oDown.push(ours(['down', '-t', '0']).ms)
    }
    // the short commands on both projects up at once, QUICK runs each, the tools in turn
    v1(['up', '-d'])
    ours(['up', '-d'])
    const q = { vNoop: [] as number[], vPs: [] as number[], oNoop: [] as number[], oPs: [] as number[], pNoop: [] as number[], pPs: [] as number[] }
    const before = await containerIds(client, names.ours)
    for (let i = 0; i < QUICK; i++) {
      q.vNoop.push(v1(['up', '-d']).ms)
      q.oNoop.push(ours(['up', '-d']).ms)
      if (viaNode) q.pNoop.push(ours(['up', '-d'], 'node').ms)
    }
    const after = await containerIds(client, names.ours)
    for (let i = 0; i < QUICK; i++) {
      q.vPs.push(v1(['ps']).ms)
      q.oPs.push(ours(['ps']).ms)
      if (viaNode) q.pPs.push(ours(['ps'], 'node').ms)
    }
    v1(['down', '-t', '0'])
    ours(['down', '-t', '0'])
    const v1Noop = median(q.vNoop)
    const v1Ps = median(q.vPs)
    const oNoop = median(q.oNoop)
    const oPs = median(q.oPs)
    const plain: SizeResult['oursViaNode'] = viaNode ? { noop: median(q.pNoop), ps: median(q.pPs) } : undefined
    const fUp = median(t.fUp)
    const fDown = median(t.fDown)
    const v1Up = median(t.vUp)
    const v1Down = median(t.vDown)
    const oUp = median(t.oUp)
    const oDown = median(t.oDown)
    log(`floor up ${(fUp / 1000).toFixed(2)} s, down ${(fDown / 1000).toFixed(2)} s`)
    log(`v1 up ${(v1Up / 1000).toFixed(2)} s, no-op ${(v1Noop / 1000).toFixed(2)} s, ps ${(v1Ps / 1000).toFixed(2)} s, down ${(v1Down / 1000).toFixed(2)} s`)
    log(`ours up ${(oUp / 1000).toFixed(2)} s, no-op ${(oNoop / 1000).toFixed(2)} s, ps ${(oPs / 1000).toFixed(2)} s, down ${(oDown / 1000).toFixed(2)} s`)
    if (plain !== undefined) log(`ours as ${VIA_NODE}: no-op ${(plain.noop / 1000).toFixed(2)} s, ps ${(plain.ps / 1000).toFixed(2)} s`)
    return {
      services: n,
      floorUp: fUp,
      floorDown: fDown,
      floorUpInProcess: fUpIn,
      floorDownInProcess: fDownIn,
      v1: { up: v1Up, noop: v1Noop, ps: v1Ps, down: v1Down },
      ours: { up: oUp, noop: oNoop, ps: oPs, down: oDown, rssKb: Math.max(0, ...rss), recreatedOnNoop: before.filter((id) => !after.includes(id)).length },
      ...(plain === undefined ? {} : { oursViaNode: plain }),
    }
  } finally {
    for (const p of Object.values(names)) await sweepProject(client, p)
    rmSync(dir, { recursive: true, force: true })
  }
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS')

/** The side-by-side table for one project size. */
export function formatSize(r: SizeResult): string {
  const rows: string[][] = [
    ['', 'floor script', 'docker-compose v1', 'compose (ours)', 'ratio', 'target', ''],
    ['up -d', s(r.floorUp), s(r.v1.up), s(r.ours.up), `${(r.ours.up / r.floorUp).toFixed(2)}× floor, ${(r.ours.up / r.v1.up).toFixed(2)}× v1`, '≤ 1.15× floor and < v1', verdict(r.ours.up <= 1.15 * r.floorUp && r.ours.up < r.v1.up)],
    ['no-op up -d', '-', s(r.v1.noop), s(r.ours.noop), `${(r.v1.noop / r.ours.noop).toFixed(2)}× faster than v1`, '≥ 4× faster than v1', verdict(r.v1.noop >= 4 * r.ours.noop)],
    ['ps', '-', s(r.v1.ps), s(r.ours.ps), `${(r.v1.ps / r.ours.ps).toFixed(2)}× faster than v1`, '≥ 4× faster than v1', verdict(r.v1.ps >= 4 * r.ours.ps)],
    ...(r.oursViaNode === undefined
      ? []
      : [
          [`no-op up -d, ours as ${VIA_NODE}`, '-', s(r.v1.noop), s(r.oursViaNode.noop), `${(r.v1.noop / r.oursViaNode.noop).toFixed(2)}× faster than v1`, 'reference', ''],
          [`ps, ours as ${VIA_NODE}`, '-', s(r.v1.ps), s(r.oursViaNode.ps), `${(r.v1.ps / r.oursViaNode.ps).toFixed(2)}× faster than v1`, 'reference', ''],
        ]),
    ['down -t 0', s(r.floorDown), s(r.v1.down), s(r.ours.down), `${(r.ours.down / r.floorDown).toFixed(2)}× floor`, '≤ 1.15× floor', verdict(r.ours.down <= 1.15 * r.floorDown)],
    ['peak RSS', '-', '-', `${(r.ours.rssKb / 1024).toFixed(0)} MB`, '', '≤ 100 MB', verdict(r.ours.rssKb <= 100 * 1024)],
  ]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? []
  const lines = rows.map((row) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`)
  lines.splice(1, 0, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  const notes = [
    `floor calls made from inside the bench process (no process start): up ${s(r.floorUpInProcess)}, down ${s(r.floorDownInProcess)}`,
    ...(r.ours.recreatedOnNoop > 0 ? [`note: our no-op up -d recreated ${r.ours.recreatedOnNoop} container(s)`] : []),
  ]
  return [`### ${r.services} services`, '', ...lines, ...notes, ''].join('\n')
}

export async function lifecycleBench(env: Env, sizes: readonly number[] = [10, 30]): Promise<BenchReport & { text: string }> {
  const client = new EngineClient({ env })
  try {
    const version = await engineVersion(client)
    const nodeStart = (runEnv: Env): string => `${median(Array.from({ length: 5 }, () => timed('node', ['-e', '0'], tmpdir(), runEnv).ms)).toFixed(0)} ms`
    const startUp = `node -e 0 ${nodeStart(env)}${setsExtraCaCerts(env) ? ' (NODE_EXTRA_CA_CERTS set)' : ''}`
    const header = `## Lifecycle (whole processes): Engine ${version.Version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at start, Node ${process.version}, ${startUp}, medians of ${REPEAT} rounds of up and down (floor script, v1 and ours in turn) and of ${QUICK} runs of no-op up and ps (v1 and ours in turn, both projects up)`
    const results: SizeResult[] = []
    for (const n of sizes) results.push(await measureSize(client, n, env))
    const text = [header, '', ...results.map(formatSize), `load average ${loadavg()[0]?.toFixed(1)} at the end`, ''].join('\n')
    return {
      title: header.replace(/^## /, ''),
      text,
      rows: results.flatMap((r) => [
        { name: `${r.services} svc floor up (script)`, meanMs: r.floorUp },
        { name: `${r.services} svc floor up (in-process)`, meanMs: r.floorUpInProcess },
        { name: `${r.services} svc v1 up -d`, meanMs: r.v1.up },
        { name: `${r.services} svc ours up -d`, meanMs: r.ours.up },
        { name: `${r.services} svc v1 no-op up -d`, meanMs: r.v1.noop },
        { name: `${r.services} svc ours no-op up -d`, meanMs: r.ours.noop },
        { name: `${r.services} svc v1 ps`, meanMs: r.v1.ps },
        { name: `${r.services} svc ours ps`, meanMs: r.ours.ps },
        ...(r.oursViaNode === undefined
          ? []
          : [
              { name: `${r.services} svc ours no-op up -d as ${VIA_NODE}`, meanMs: r.oursViaNode.noop },
              { name: `${r.services} svc ours ps as ${VIA_NODE}`, meanMs: r.oursViaNode.ps },
            ]),
        { name: `${r.services} svc floor down (script)`, meanMs: r.floorDown },
        { name: `${r.services} svc floor down (in-process)`, meanMs: r.floorDownInProcess },
        { name: `${r.services} svc v1 down -t 0`, meanMs: r.v1.down },
        { name: `${r.services} svc ours down -t 0`, meanMs: r.ours.down },
      ]),
      checks: results.flatMap((r) => [
        { name: `${r.services} svc up / floor`, value: r.ours.up / r.floorUp, target: 1.15 },
        { name: `${r.services} svc up / v1 up`, value: r.ours.up / r.v1.up, target: 1 },
        { name: `${r.services} svc no-op up / v1 no-op up`, value: r.ours.noop / r.v1.noop, target: 0.25 },
        { name: `${r.services} svc ps / v1 ps`, value: r.ours.ps / r.v1.ps, target: 0.25 },
        { name: `${r.services} svc down / floor`, value: r.ours.down / r.floorDown, target: 1.15 },
        { name: `${r.services} svc peak RSS / 100 MB`, value: r.ours.rssKb / 1024 / 100, target: 1 },
      ]),
    }
  } finally {
    await client.close()
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0)
  const report = await lifecycleBench(process.env, sizes.length > 0 ? sizes : [10, 30])
  process.stdout.write(report.text)
}
