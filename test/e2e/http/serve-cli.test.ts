/**
 * `compose serve` as a user runs it (on Bun, which runs the sources; Node needs the build):
 * prints the bound address and the token file but not the token when not on a terminal,
 * answers over the unix socket, and exits 0 on SIGTERM, removing its socket.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasTool, REPO, TOOLS } from '../cli-runtime.ts'
import { eventually } from '../helpers.ts'
import { send } from './_client.ts'

describe('compose serve (CLI, on Bun)', () => {
  it('serves on the default socket, hides the token from non-terminals, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-serve-cli-'))
    mkdirSync(join(dir, 'root'))
    const child = spawn(`${TOOLS}/bun`, [`${REPO}bin/compose.cjs`, 'serve', '--root', join(dir, 'root')], {
      env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_RUNTIME_DIR: join(dir, 'run') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const socket = join(dir, 'run', 'compose', 'http.sock')
      await eventually(() => expect(output).toContain(`listening on unix:${socket}`), { timeout: 20_000 })
      const tokenFile = join(dir, 'cfg', 'compose', 'http-token')
      expect(output).toContain(`token file: ${tokenFile} (created)`)
      const token = readFileSync(tokenFile, 'utf8').trim()
      expect(output).not.toContain(token)
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
      const binding = { kind: 'socket' as const, path: socket }
      expect((await send(binding, { path: '/v1/health', headers: { host: 'localhost' } })).status).toBe(200)
      expect((await send(binding, { path: '/v1/projects', headers: { host: 'localhost' } })).status).toBe(401)
      const listed = await send(binding, { path: '/v1/projects', headers: { host: 'localhost', authorization: `Bearer ${token}` } })
      expect(listed.status).toBe(200)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(existsSync(socket)).toBe(false)
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses --host 0.0.0.0 with --socket, and a world-readable token file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-serve-cli-'))
    try {
      const run = (args: string[]) =>
        new Promise<{ code: number | null; text: string }>((resolve) => {
          const child = spawn(`${TOOLS}/bun`, [`${REPO}bin/compose.cjs`, 'serve', ...args], { env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'cfg') }, stdio: ['ignore', 'pipe', 'pipe'] })
          let text = ''
          child.stderr.on('data', (d: Buffer) => (text += d.toString()))
          child.on('exit', (code) => resolve({ code, text }))
        })
      const both = await run(['--socket', join(dir, 's.sock'), '--host', '0.0.0.0'])
      expect(both.code).toBe(1)
      expect(both.text).toContain('--socket cannot be combined with --port or --host')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(join(dir, 'tok'), 'a-long-enough-token-value-123\n', { mode: 0o644 })
      const open = await run(['--token-file', join(dir, 'tok'), '--port', '0'])
      expect(open.code).toBe(1)
      expect(open.text).toContain('can be read by other users')
      expect(open.text).toContain(`hint: chmod 600 ${join(dir, 'tok')}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
