/** Runs the compose CLI as a user would, on Node, Bun or Deno. */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
export const TOOLS = `${REPO}.tools/node_modules/.bin`

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export function run(cmd: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const res = spawnSync(cmd, args, {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, PATH: `${TOOLS}:${process.env.PATH ?? ''}`, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: res.status ?? -1, stdout: res.stdout ?? '', stderr: `${res.stderr ?? ''}${res.error ? String(res.error) : ''}` }
}

/** `node bin/compose.cjs …` (needs `npm run build`). */
export function compose(args: readonly string[], options: Parameters<typeof run>[2] = {}): RunResult {
  return run('node', [`${REPO}bin/compose.cjs`, ...args], options)
}

export function hasTool(name: string): boolean {
  return existsSync(`${TOOLS}/${name}`)
}
