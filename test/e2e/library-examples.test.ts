/**
 * The library examples as a user runs them from the repository root, against the real engine:
 * examples/node.mjs on Node (the built package: `npm run build` first), examples/bun.ts on Bun
 * and examples/deno.ts on Deno (through deno.json's import map). Each does up → ps → logs →
 * exec → down on examples/hello with its own project name and host port, and leaves nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { listContainers } from '../../core/engine/api/containers.ts'
import { REPO, TOOLS } from './cli-runtime.ts'
import { describeEngine, newClient } from './helpers.ts'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

function runExample(cmd: string, args: string[], port: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, WEB_PORT: String(port), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const RUNTIMES = [
  { name: 'node', cmd: 'node', args: ['examples/node.mjs'], ready: () => existsSync(`${REPO}dist/adapters/lib/index.js`), missing: 'npm run build' },
  { name: 'bun', cmd: `${TOOLS}/bun`, args: ['run', 'examples/bun.ts'], ready: () => existsSync(`${TOOLS}/bun`), missing: 'bun in .tools' },
  { name: 'deno', cmd: `${TOOLS}/deno`, args: ['run', '-A', 'examples/deno.ts'], ready: () => existsSync(`${TOOLS}/deno`), missing: 'deno in .tools' },
] as const

describeEngine('library examples on Node, Bun and Deno', () => {
  const client = newClient()
  afterAll(() => client.close())

  for (const runtime of RUNTIMES) {
    it.concurrent(`examples/${runtime.args.at(-1)?.split('/')[1]} does up → ps → logs → exec → down on ${runtime.name}`, async () => {
      // never a silent skip: a missing runtime or build fails with what to do
      expect(runtime.ready(), `needs ${runtime.missing}`).toBe(true)
      const { code, stdout, stderr } = await runExample(runtime.cmd, [...runtime.args], await freePort())
      expect({ code, stderr: stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ code: 0, stderr: [] })
      const lines = stdout.trim().split('\n')
      expect(lines[0]).toMatch(new RegExp(`^up: hello-${runtime.name}-[0-9a-f]{6} \\(\\d+ progress events\\)$`))
      expect(lines.slice(1)).toEqual([
        'ps: probe running, web running (healthy)',
        `logs: probe-1 | hello from ${runtime.name}`,
        `exec: hello from ${runtime.name} (exit 0)`,
        'down: 0 containers left',
      ])
      const project = /^up: (\S+)/.exec(lines[0] ?? '')?.[1] ?? ''
      expect(await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).toEqual([])
    }, 300_000)
  }
})
