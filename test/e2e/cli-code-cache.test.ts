/**
 * The Node CLI runs its bundle with a V8 code cache made by `npm run build`; a cache that is
 * missing, or was made by another Node, is remade by the next command; long-running commands
 * (serve, build, watch) go without it. Checked on a copy of the bin and the bundle, so the
 * build's own cache is left alone.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO, run } from './cli-runtime.ts'

const root = mkdtempSync(join(tmpdir(), 'e2e-code-cache-'))
mkdirSync(join(root, 'bin'))
mkdirSync(join(root, 'dist/cli'), { recursive: true })
copyFileSync(join(REPO, 'bin/compose.cjs'), join(root, 'bin/compose.cjs'))
copyFileSync(join(REPO, 'dist/cli/main.cjs'), join(root, 'dist/cli/main.cjs'))
const cache = join(root, 'dist/cli/main.cjs.cache')
const help = () => run('node', [join(root, 'bin/compose.cjs'), '--help'], { cwd: root })

describe('the CLI code cache', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('is made by the first command when missing, and remade when it does not fit', () => {
    expect(existsSync(cache)).toBe(false)
    const first = help()
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('Usage')
    expect(statSync(cache).size).toBeGreaterThan(10_000)
    writeFileSync(cache, 'not a code cache')
    const second = help()
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(cache).length).toBeGreaterThan(10_000)
  })

  it('is neither read nor written by long-running commands, which keep every V8 tier', () => {
    rmSync(cache, { force: true })
    // `build --help`: a long command's flags (the bin decides before parsing), without a project
    const build = run('node', [join(root, 'bin/compose.cjs'), 'build', '--help'], { cwd: root })
    expect(build.code, build.stderr).toBe(0)
    expect(build.stdout).toContain('Usage')
    expect(existsSync(cache)).toBe(false)
    const short = help()
    expect(short.code, short.stderr).toBe(0)
    expect(existsSync(cache)).toBe(true)
  })
})
