/**
 * HTTP adapter under load (issue 7, "Load"), against one running project on the real engine,
 * the server in a child process on 127.0.0.1 (./_http-server-child.ts) so its RSS is its own:
 * - `GET ps` against the library's `project.ps()` in this process, interleaved (the 1.3× target),
 *   and against load + ps (what a request does: the project is loaded per request);
 * - 200 concurrent `GET ps`: errors, wall time, p50/p99, the server's RSS;
 * - 50 log streams (`follow`) held open while the container writes: lines received, errors,
 *   `GET ps` latency meanwhile, RSS; then all closed.
 * Measured, never asserted. Loops are bounded, loopback only. `npm run bench -- http-load`
 * (COMPOSE_BENCH_HTTP_RUNS=100, COMPOSE_BENCH_HTTP_CONCURRENCY=200, COMPOSE_BENCH_HTTP_STREAMS=50,
 * COMPOSE_BENCH_HTTP_HOLD_MS=10000).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { createCompose } from '../adapters/lib/index.ts'
import { listContainers, listNetworks, removeContainer, removeNetwork } from '../core/engine/index.ts'
import type { BenchReport } from './report.ts'

type Env = Readonly<Record<string, string | undefined>>

const step = (message: string): void => void process.stderr.write(`http-load: ${message}\n`)

const median = (values: readonly number[]): number => quantile(values, 0.5)
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN
}

/** VmRSS and VmHWM (peak) of a process, in MiB (Linux; NaN elsewhere). */
function rssOf(pid: number | undefined): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN)
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
  } catch {
    return { rss: Number.NaN, peak: Number.NaN }
  }
}

function startServer(root: string, token: string, env: Env): Promise<{ child: ChildProcess; port: number }> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  const script = fileURLToPath(new URL(`./_http-server-child.${ext}`, import.meta.url))
  const child = spawn(process.execPath, [script, root], { env: { ...env, COMPOSE_BENCH_TOKEN: token } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)))
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n')[0]
      if (out.includes('\n') && line !== undefined) resolve({ child, port: (JSON.parse(line) as { port: number }).port })
    })
  })
}

/**
 * A bare node:http server in a child process answering a constant JSON: the floor of any route
 * of any HTTP server that runs in a process of its own (loopback, keep-alive).
 */
function startBareServer(): Promise<{ child: ChildProcess; port: number }> {
  const code = "const s=require('node:http').createServer((q,r)=>{r.setHeader('content-type','application/json');r.end('{\"status\":\"ok\"}')}).listen(0,'127.0.0.1',()=>process.stdout.write(s.address().port+'\\n'))"
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code}) before listening`)))
    child.stdout?.once('data', (d: Buffer) => resolve({ child, port: Number(d.toString().trim()) }))
  })
}

interface Client {
  get(path: string, agent: Agent): Promise<{ status: number; ms: number }>
  open(path: string): Promise<{ res: IncomingMessage; abort: () => void }>
}

function client(port: number, token: string): Client {
  const headers = { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` }
  return {
    get(path, agent) {
      const start = performance.now()
      return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }))
        })
        req.on('error', reject)
        req.end()
      })
    },
    open(path) {
      return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => resolve({ res, abort: () => req.destroy() }))
        req.on('error', reject)
        req.end()
      })
    },
  }
}

export async function httpLoadBench(env: Env): Promise<BenchReport & { text: string }> {
  const runs = Number(env.COMPOSE_BENCH_HTTP_RUNS ?? 100)
  const concurrency = Number(env.COMPOSE_BENCH_HTTP_CONCURRENCY ?? 200)
  const streams = Number(env.COMPOSE_BENCH_HTTP_STREAMS ?? 50)
  const holdMs = Number(env.COMPOSE_BENCH_HTTP_HOLD_MS ?? 10_000)
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bench-http-')))
  const name = `bench-http-${randomBytes(3).toString('hex')}`
  const dir = join(root, name)
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'compose.yaml'),
    'services:\n  app:\n    image: busybox:latest\n    command: ["sh", "-c", "while true; do echo tick; sleep 0.5; done"]\n    stop_signal: SIGKILL\n',
  )
  const compose = createCompose({ cwd: dir, env, configFile: false })
  const project = await compose.project({ files: [join(dir, 'compose.yaml')] })
  const token = randomBytes(32).toString('base64url')
  let server: ChildProcess | undefined
  let bareServer: ChildProcess | undefined
  const lines: string[] = []
  try {
    step(`up ${name}`)
    await project.up()
    step('starting the server')
    const started = await startServer(root, token, env)
    server = started.child
    const http = client(started.port, token)
    const bare = await startBareServer()
    bareServer = bare.child
    const bareHttp = client(bare.port, token)
    const psPath = `/v1/projects/${name}/ps`
    // by directory: no engine lookup of where the project lives
    const psDirPath = `/v1/projects/dir%3A${name}/ps`
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
    const rssIdle = rssOf(server.pid)

    step(`listening on 127.0.0.1:${started.port}; GET ps against project.ps(), ${runs} runs`)
    // 1. GET ps against project.ps() (loaded once) and load + ps, interleaved
    const loadAndPs = async (): Promise<void> => {
      const p = await compose.project({ files: [join(dir, 'compose.yaml')] })
      await p.ps()
    }
    // a server runs for hours: both sides are compared warm (V8 has optimized the hot paths of
    // the server and of this process), as a dev box sees them after the first minutes
    const warmups = Number(env.COMPOSE_BENCH_HTTP_WARMUP ?? 300)
    for (let i = 0; i < warmups; i++) {
      await http.get('/v1/health', keepAlive)
      await bareHttp.get('/', keepAlive)
      await Promise.all([http.get(psPath, keepAlive), http.get(psDirPath, keepAlive), project.ps(), loadAndPs()])
    }
    const t = { http: [] as number[], httpDir: [] as number[], lib: [] as number[], loadLib: [] as number[], health: [] as number[], bare: [] as number[] }
    for (let i = 0; i < runs; i++) {
      // the HTTP round trip alone (no token, no project, no engine): the floor of any route
      t.health.push((await http.get('/v1/health', keepAlive)).ms)
      t.bare.push((await bareHttp.get('/', keepAlive)).ms)
      const r = await http.get(psPath, keepAlive)
      if (r.status !== 200) throw new Error(`GET ps answered ${r.status}`)
      t.http.push(r.ms)
      const d = await http.get(psDirPath, keepAlive)
      if (d.status !== 200) throw new Error(`GET ps (dir:) answered ${d.status}`)
      t.httpDir.push(d.ms)
      let start = performance.now()
      await project.ps()
      t.lib.push(performance.now() - start)
      start = performance.now()
      await loadAndPs()
      t.loadLib.push(performance.now() - start)
    }
    keepAlive.destroy()

    step(`${concurrency} concurrent GET ps`)
    // 2. many concurrent GET ps, each on its own connection
    const wide = new Agent({ keepAlive: false, maxSockets: concurrency })
    const burstStart = performance.now()
    const burst = await Promise.all(Array.from({ length: concurrency }, () => http.get(psPath, wide).catch(() => ({ status: 0, ms: Number.NaN }))))
    const burstMs = performance.now() - burstStart
    wide.destroy()
    const burstErrors = burst.filter((r) => r.status !== 200).length
    const rssBurst = rssOf(server.pid)

    step(`${streams} log streams for ${holdMs} ms`)
    // 3. log streams held open while the container writes
    const opened = await Promise.all(Array.from({ length: streams }, () => http.open(`/v1/projects/${name}/logs?follow=true&tail=0`).catch(() => undefined)))
    const received = opened.map(() => 0)
    const endedEarly = opened.map(() => false)
    opened.forEach((o, i) => {
      if (o === undefined) return
      o.res.on('data', (chunk: Buffer) => (received[i] = (received[i] ?? 0) + chunk.toString().split('\n').length - 1))
      o.res.on('end', () => (endedEarly[i] = true))
      o.res.on('error', () => {})
    })
    const during: number[] = []
    const holdAgent = new Agent({ keepAlive: true, maxSockets: 1 })
    const holdEnd = Date.now() + holdMs
    while (Date.now() < holdEnd && during.length < 1000) {
      during.push((await http.get(psPath, holdAgent)).ms)
      await new Promise((r) => setTimeout(r, 100))
    }
    holdAgent.destroy()
    const rssStreams = rssOf(server.pid)
    const streamErrors = opened.filter((o, i) => o === undefined || o.res.statusCode !== 200 || endedEarly[i] === true).length
    for (const o of opened) o?.abort()
    await new Promise((r) => setTimeout(r, 2000))
    const after = await http.get(psPath, new Agent())
    const rssAfter = rssOf(server.pid)

    const m = { http: median(t.http), httpDir: median(t.httpDir), lib: median(t.lib), loadLib: median(t.loadLib), health: median(t.health), bare: median(t.bare) }
    const mib = (x: number): string => `${x.toFixed(1)} MiB`
    lines.push(
      `  ${concurrency} concurrent GET ps: ${burstErrors} errors, all answered in ${burstMs.toFixed(0)} ms (p50 ${median(burst.map((r) => r.ms)).toFixed(1)} ms, p99 ${quantile(burst.map((r) => r.ms), 0.99).toFixed(1)} ms)`,
      `  ${streams} log streams held ${holdMs} ms: ${streamErrors} errors, lines per stream min ${Math.min(...received)} / median ${median(received)}; GET ps meanwhile p50 ${median(during).toFixed(1)} ms (${during.length} requests); after closing them GET ps answered ${after.status}`,
      `  server RSS: idle ${mib(rssIdle.rss)}, after the burst ${mib(rssBurst.rss)}, with the streams ${mib(rssStreams.rss)}, after closing ${mib(rssAfter.rss)}; peak ${mib(rssAfter.peak)}`,
      '',
    )
    return {
      title: `HTTP adapter load (median of ${runs} interleaved runs; server in a child process on 127.0.0.1)`,
      rows: [
        { name: 'GET ps over HTTP (project by name)', meanMs: m.http },
        { name: 'GET ps over HTTP (project by dir:)', meanMs: m.httpDir },
        { name: 'library project.ps() (project loaded once)', meanMs: m.lib },
        { name: 'library load + ps (what a request does)', meanMs: m.loadLib },
        { name: 'GET /v1/health (the HTTP round trip alone)', meanMs: m.health },
        { name: 'GET on a bare node:http server in a child process (the floor of any route)', meanMs: m.bare },
        { name: `${concurrency} concurrent GET ps, wall time`, meanMs: burstMs },
        { name: `GET ps during ${streams} held log streams (p50)`, meanMs: median(during) },
      ],
      checks: [
        { name: 'GET ps (by name) / project.ps()', value: m.http / m.lib, target: 1.3 },
        { name: 'GET ps (by dir:) / project.ps()', value: m.httpDir / m.lib, target: 1.3 },
        { name: 'GET ps / load + ps', value: m.http / m.loadLib, target: 1.3 },
        { name: 'GET ps (by dir:) / (project.ps() + the HTTP round trip)', value: m.httpDir / (m.lib + m.health), target: 1.3 },
        // not a target: what a server that did nothing but answer would score against project.ps()
        { name: '(project.ps() + bare node:http round trip) / project.ps(): the best any HTTP server could score', value: (m.lib + m.bare) / m.lib, target: 1.3 },
      ],
      text: lines.join('\n'),
    }
  } finally {
    server?.kill('SIGTERM')
    bareServer?.kill('SIGTERM')
    // `down` can lose a race with the server's own engine connections closing: sweep by label too
    await project.down({ timeout: 0 }).catch(() => {})
    const label = `com.docker.compose.project=${project.name}`
    for (const c of await listContainers(project.client, { all: true, filters: { label: [label] } }).catch(() => [])) {
      await removeContainer(project.client, c.Id, { force: true }).catch(() => {})
    }
    for (const n of await listNetworks(project.client, { filters: { label: [label] } }).catch(() => [])) {
      await removeNetwork(project.client, n.Id).catch(() => {})
    }
    await project.close()
    rmSync(root, { recursive: true, force: true })
  }
}
