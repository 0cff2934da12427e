/**
 * CLI e2e helpers: a compose project in its own temp dir with a unique name, the real
 * `node bin/compose.cjs` run against it (sync, or spawned for Ctrl-C and races), the engine's
 * view of the project, and cleanup (`down -v`, then a sweep by name and by label).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listContainers, listNetworks, listVolumes, removeContainer, removeNetwork, removeVolume } from '../../../core/engine/index.ts'
import { compose, REPO, type RunResult } from '../cli-runtime.ts'
import { newClient, sweep, uniquePrefix } from '../helpers.ts'

export const client = newClient()

export interface TestProject {
  name: string
  dir: string
  file: string
  /** Rewrites compose.yaml. */
  write(yaml: string): void
  /** `compose -p <name> …` in the project dir. */
  run(args: readonly string[], options?: { env?: Record<string, string>; input?: string }): RunResult
  /** Spawns `compose -p <name> …`; `done` resolves with the result. */
  spawn(args: readonly string[], options?: { env?: Record<string, string> }): Spawned
  /** The project's containers by name: state, id, labels. */
  containers(): Promise<{ id: string; name: string; state: string; labels: Record<string, string> }[]>
  networks(): Promise<string[]>
  volumes(): Promise<string[]>
  cleanup(): Promise<void>
}

export interface Spawned {
  pid: number
  output(): { stdout: string; stderr: string }
  kill(signal: NodeJS.Signals): void
  done: Promise<RunResult>
}

export function createProject(family: string, yaml: string): TestProject {
  const name = uniquePrefix(`cli-${family}`)
  const dir = mkdtempSync(join(tmpdir(), `${name}-`))
  const file = join(dir, 'compose.yaml')
  writeFileSync(file, yaml)
  const label = { label: [`com.docker.compose.project=${name}`] }
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({ COMPOSE_PROJECT_NAME: name, ...extra })
  return {
    name,
    dir,
    file,
    write: (text) => writeFileSync(file, text),
    run: (args, options = {}) => compose(args, { cwd: dir, env: env(options.env), ...(options.input === undefined ? {} : { input: options.input }) }),
    spawn: (args, options = {}) => spawnCompose(args, dir, env(options.env)),
    async containers() {
      const list = await listContainers(client, { all: true, filters: label })
      return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} })).sort((a, b) => (a.name < b.name ? -1 : 1))
    },
    async networks() {
      return (await listNetworks(client, { filters: label })).map((n) => n.Name).sort()
    },
    async volumes() {
      return (await listVolumes(client, { filters: label })).volumes.map((v) => v.Name).sort()
    },
    async cleanup() {
      spawnSync('node', [`${REPO}bin/compose.cjs`, 'down', '-v', '-t', '0', '--remove-orphans'], { cwd: dir, env: { ...process.env, ...env() }, stdio: 'ignore', timeout: 60_000 })
      for (const c of await listContainers(client, { all: true, filters: label })) await removeContainer(client, c.Id, { force: true, volumes: true }).catch(() => undefined)
      for (const n of await listNetworks(client, { filters: label })) await removeNetwork(client, n.Id).catch(() => undefined)
      for (const v of (await listVolumes(client, { filters: label })).volumes) await removeVolume(client, v.Name, { force: true }).catch(() => undefined)
      await sweep(client, name)
    },
  }
}

export function spawnCompose(args: readonly string[], cwd: string, env: Record<string, string>): Spawned {
  const child = spawn('node', [`${REPO}bin/compose.cjs`, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }))
  })
  return { pid: child.pid ?? -1, output: () => ({ stdout, stderr }), kill: (signal) => void child.kill(signal), done }
}

/** Polls `check` until it returns true (no sleeps in tests). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A busybox service that idles and stops at once. */
export function idle(extra = ''): string {
  return `    image: busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    stop_grace_period: 1s\n${extra}`
}
