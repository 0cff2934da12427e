/**
 * Helpers of the read-command e2e suites (read-*.test.ts): a project in its own temp dir with a
 * unique name, brought up through the library (`createCompose({cwd}).project().up()`), the CLI
 * run synchronously or spawned (for `logs -f`, `events`), and `down -v` plus a label sweep.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCompose } from '../../../adapters/lib/compose.ts'
import type { ComposeProject } from '../../../adapters/lib/project.ts'
import { listContainers, removeContainer, removeNetwork, listNetworks } from '../../../core/engine/index.ts'
import { compose, REPO, type RunResult } from '../cli-runtime.ts'
import { newClient, uniquePrefix } from '../helpers.ts'

export const client = newClient()

export interface ReadProject {
  name: string
  dir: string
  /** `compose …` in the project dir (COMPOSE_PROJECT_NAME set). */
  cli(args: readonly string[], env?: Record<string, string>): RunResult
  spawn(args: readonly string[]): Spawned
  /** Loads compose.yaml through the library. */
  open(): Promise<ComposeProject>
  up(): Promise<void>
  write(yaml: string): void
  cleanup(): Promise<void>
}

export interface Spawned {
  output(): { stdout: string; stderr: string }
  kill(signal: NodeJS.Signals): void
  done: Promise<RunResult>
}

export function readProject(family: string, yaml: string): ReadProject {
  const name = uniquePrefix(`read-${family}`)
  const dir = mkdtempSync(join(tmpdir(), `${name}-`))
  writeFileSync(join(dir, 'compose.yaml'), yaml)
  const env = { ...process.env, COMPOSE_PROJECT_NAME: name }
  const open = (): Promise<ComposeProject> => createCompose({ cwd: dir, env }).project()
  return {
    name,
    dir,
    cli: (args, extra = {}) => compose(args, { cwd: dir, env: { COMPOSE_PROJECT_NAME: name, ...extra } }),
    spawn: (args) => spawnCli(args, dir, { COMPOSE_PROJECT_NAME: name }),
    open,
    write: (text) => writeFileSync(join(dir, 'compose.yaml'), text),
    async up() {
      const p = await open()
      try {
        await p.up({})
      } finally {
        await p.close()
      }
    },
    async cleanup() {
      const p = await open().catch(() => undefined)
      if (p !== undefined) {
        await p.down({ volumes: true, removeOrphans: true, timeout: 0 }).catch(() => undefined)
        await p.close()
      }
      const filters = { label: [`com.docker.compose.project=${name}`] }
      for (const c of await listContainers(client, { all: true, filters })) await removeContainer(client, c.Id, { force: true, volumes: true }).catch(() => undefined)
      for (const n of await listNetworks(client, { filters })) await removeNetwork(client, n.Id).catch(() => undefined)
    },
  }
}

export function spawnCli(args: readonly string[], cwd: string, env: Record<string, string>): Spawned {
  const child = spawn('node', [`${REPO}bin/compose.cjs`, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const done = new Promise<RunResult>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr })))
  return { output: () => ({ stdout, stderr }), kill: (signal) => void child.kill(signal), done }
}

/** A busybox service that idles and stops at once. */
export function idle(extra = ''): string {
  return `    image: busybox:latest\n    command: ["sleep", "3600"]\n    init: true\n    stop_grace_period: 1s\n${extra}`
}

/** Lines of a table without the header, first column. */
export function firstColumn(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0] ?? '')
}
