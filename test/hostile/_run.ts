/**
 * Running a hostile case: the CLI as a whole process (time and peak RSS through GNU time when
 * present), and the engine's containers, networks and volumes of the test's projects.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { EngineClient } from '../../core/engine/client.ts'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** `COMPOSE_BIN` overrides the CLI entry (e.g. a private build while others rebuild dist/). */
export const COMPOSE_BIN = process.env['COMPOSE_BIN'] ?? join(REPO_ROOT, 'bin/compose.cjs')
const GNU_TIME = '/usr/bin/time'
const RSS_MARK = '@@maxrss-kib='

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  ms: number
  /** Peak resident set of the CLI process, when GNU time is installed. */
  rssMiB: number | undefined
}

/** Symptoms of dist/ being rewritten by a concurrent `npm run build`, not of the case itself. */
const BUILD_RACE = /does not provide an export named|ERR_MODULE_NOT_FOUND|is not a function\n\s+at file:.*bin\/compose\.mjs/

function once(args: readonly string[], cwd: string, env: Record<string, string>, stdin: Uint8Array | undefined): Promise<CliRun> {
  const timed = existsSync(GNU_TIME)
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', `${RSS_MARK}%M`, process.execPath, COMPOSE_BIN, ...args]] : [process.execPath, [COMPOSE_BIN, ...args]]
  const started = performance.now()
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
    child.on('close', (code) => {
      const ms = performance.now() - started
      let stderr = Buffer.concat(err).toString('utf8')
      let rssMiB: number | undefined
      const mark = stderr.lastIndexOf(RSS_MARK)
      if (timed && mark !== -1) {
        rssMiB = Number(stderr.slice(mark + RSS_MARK.length).trim()) / 1024
        stderr = stderr.slice(0, mark).replace(/Command exited with non-zero status \d+\n$/, '')
      }
      done({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr, ms, rssMiB })
    })
  })
}

/** `node bin/compose.cjs ARGS` in `cwd`; retried (up to 3 times) only on a dist/ build race. */
export async function runCli(args: readonly string[], cwd: string, env: Record<string, string>, stdin?: Uint8Array): Promise<CliRun> {
  let run = await once(args, cwd, env, stdin)
  for (let i = 0; i < 3 && run.code !== 0 && BUILD_RACE.test(run.stderr); i++) {
    await new Promise((r) => setTimeout(r, 3000))
    run = await once(args, cwd, env, stdin)
  }
  return run
}

/** Names (and compose project labels) of the engine's containers, networks and volumes. */
export interface EngineSnapshot {
  containers: string[]
  networks: string[]
  volumes: string[]
}

interface Labelled {
  Labels?: Record<string, string> | null
}

export async function engineSnapshot(client: EngineClient, prefix: string): Promise<EngineSnapshot> {
  const mine = (name: string, labels: Labelled['Labels']): boolean =>
    name.replace(/^\//, '').startsWith(prefix) || (labels?.['com.docker.compose.project'] ?? '').startsWith(prefix)
  const containers = await client.json<({ Names?: string[] } & Labelled)[]>({ method: 'GET', path: '/containers/json', query: { all: true } })
  const networks = await client.json<({ Name: string } & Labelled)[] | null>({ method: 'GET', path: '/networks' })
  const volumes = await client.json<{ Volumes?: ({ Name: string } & Labelled)[] | null }>({ method: 'GET', path: '/volumes' })
  return {
    containers: containers.flatMap((c) => (c.Names ?? []).filter((n) => mine(n, c.Labels))).sort(),
    networks: (networks ?? []).filter((n) => mine(n.Name, n.Labels)).map((n) => n.Name).sort(),
    volumes: (volumes.Volumes ?? []).filter((v) => mine(v.Name, v.Labels)).map((v) => v.Name).sort(),
  }
}

export function newEngineClient(): EngineClient {
  return new EngineClient({ env: process.env })
}

/** A stack trace in the output: `    at fn (file:line:col)` frames or node's own crash banners. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(].*\d+:\d+\)?$/m.test(text) || /node:internal|FATAL ERROR|Uncaught|TypeError:|RangeError:|ReferenceError:/.test(text)
}
