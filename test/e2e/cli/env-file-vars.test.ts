/**
 * COMPOSE_* variables in the project's env files count as if they were set in the shell (docker
 * compose's setEnvWithDotEnv); the shell's own values win.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-envvars-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n    command: ["sleep", "60"]\n')
const run = (dotenv: string, args: string[], env: Record<string, string> = {}) => {
  writeFileSync(join(dir, '.env'), dotenv)
  return compose(args, { cwd: dir, env: { NO_COLOR: '', ...env } })
}

describe('COMPOSE_* variables in .env', () => {
  it('COMPOSE_ANSI and COMPOSE_PARALLEL_LIMIT from .env are checked like the shell’s', () => {
    expect(run('COMPOSE_ANSI=sometimes\n', ['config', '-q'])).toMatchObject({ code: 1, stderr: expect.stringContaining('invalid COMPOSE_ANSI value "sometimes"') })
    expect(run('COMPOSE_PARALLEL_LIMIT=abc\n', ['config', '-q'])).toMatchObject({ code: 1, stderr: expect.stringContaining('COMPOSE_PARALLEL_LIMIT must be an integer') })
    // the shell wins over .env
    expect(run('COMPOSE_ANSI=sometimes\n', ['config', '-q'], { COMPOSE_ANSI: 'never' }).code).toBe(0)
  })

  it('COMPOSE_IGNORE_ORPHANS from .env conflicts with --remove-orphans', () => {
    const res = run('COMPOSE_IGNORE_ORPHANS=true\n', ['--dry-run', 'up', '-d', '--remove-orphans'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans')
  })

  it('--env-file replaces .env as the source', () => {
    writeFileSync(join(dir, 'other.env'), 'COMPOSE_ANSI=loud\n')
    expect(run('', ['--env-file', 'other.env', 'config', '-q'])).toMatchObject({ code: 1, stderr: expect.stringContaining('invalid COMPOSE_ANSI value "loud"') })
    expect(run('COMPOSE_ANSI=loud\n', ['--env-file', 'other.env', 'config', '-q'], { COMPOSE_ANSI: 'auto' }).code).toBe(0)
  })
})
