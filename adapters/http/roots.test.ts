import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ComposeError } from '../../core/errors.ts'
import { confine, defaultFiles, isUnder, nodePathFs, parseRef, prepareRoots, type PathFs } from './roots.ts'

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'compose-roots-')))
const root = join(dir, 'root')
const sibling = join(dir, 'root-sibling')
mkdirSync(join(root, 'proj'), { recursive: true })
mkdirSync(sibling)
writeFileSync(join(root, 'proj', 'compose.yml'), 'services: {}\n')
writeFileSync(join(root, 'proj', 'compose.override.yml'), 'services: {}\n')
writeFileSync(join(sibling, 'compose.yaml'), 'services: {}\n')
symlinkSync(sibling, join(root, 'out'))
symlinkSync(join(root, 'proj'), join(root, 'in'))
mkdirSync(join(root, 'sneaky'))
symlinkSync(join(sibling, 'compose.yaml'), join(root, 'sneaky', 'compose.yaml'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function code(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return error instanceof ComposeError ? error.code : 'other'
  }
  return undefined
}

async function asyncCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return error instanceof ComposeError ? error.code : 'other'
  }
  return undefined
}

describe('parseRef', () => {
  it('reads names and dir: references', () => {
    expect(parseRef('web')).toEqual({ kind: 'name', name: 'web' })
    expect(parseRef('dir:apps/web')).toEqual({ kind: 'dir', rel: 'apps/web' })
    expect(parseRef('dir:%2e%2e')).toEqual({ kind: 'dir', rel: '%2e%2e' })
  })
  it('refuses traversal, absolute paths, NUL, backslashes and odd names with 400', () => {
    for (const bad of ['dir:../etc', 'dir:a/../../etc', 'dir:..', 'dir:./a', 'dir:/etc', 'dir:', 'dir:a//b', 'dir:a\\..\\b', 'dir:a\0b', 'we\0b', '../etc', 'Web', '-x', 'a/b', 'a#b', '']) {
      expect(code(() => parseRef(bad)), JSON.stringify(bad)).toBe('HTTP_BAD_REQUEST')
    }
  })
})

describe('isUnder', () => {
  it('compares whole path segments', () => {
    expect(isUnder('/srv/root', '/srv/root')).toBe(true)
    expect(isUnder('/srv/root', '/srv/root/a')).toBe(true)
    expect(isUnder('/srv/root', '/srv/root-sibling')).toBe(false)
    expect(isUnder('/srv/root', '/srv')).toBe(false)
  })
})

describe('confine', () => {
  it('returns the real path and its root', async () => {
    expect(await confine([root], join(root, 'in'))).toEqual({ root, path: join(root, 'proj') })
  })
  it('refuses a symlink out of the root with 403', async () => {
    expect(await asyncCode(confine([root], join(root, 'out')))).toBe('HTTP_FORBIDDEN')
    expect(await asyncCode(confine([root], join(root, 'sneaky', 'compose.yaml')))).toBe('HTTP_FORBIDDEN')
  })
  it('refuses a sibling whose name starts like the root', async () => {
    expect(await asyncCode(confine([root], sibling))).toBe('HTTP_FORBIDDEN')
  })
  it('refuses `..` that resolves outside', async () => {
    expect(await asyncCode(confine([root], join(root, 'proj', '..', '..')))).toBe('HTTP_FORBIDDEN')
  })
  it('answers 404 for a missing path and 400 for NUL, without touching the file system for NUL', async () => {
    expect(await asyncCode(confine([root], join(root, 'nope')))).toBe('HTTP_NOT_FOUND')
    let asked = 0
    const fs: PathFs = { realpath: async (p) => (asked++, p), kind: async () => undefined }
    expect(await asyncCode(confine([root], `${root}/a\0b`, fs))).toBe('HTTP_BAD_REQUEST')
    expect(asked).toBe(0)
  })
})

describe('defaultFiles', () => {
  it('finds the compose file and its override', async () => {
    expect(await defaultFiles([root], join(root, 'proj'))).toEqual([join(root, 'proj', 'compose.yml'), join(root, 'proj', 'compose.override.yml')])
  })
  it('refuses a compose file that is a symlink out of the root', async () => {
    expect(await asyncCode(defaultFiles([root], join(root, 'sneaky')))).toBe('HTTP_FORBIDDEN')
  })
  it('answers 404 without a compose file', async () => {
    mkdirSync(join(root, 'empty'), { recursive: true })
    expect(await asyncCode(defaultFiles([root], join(root, 'empty')))).toBe('HTTP_NOT_FOUND')
  })
})

describe('prepareRoots', () => {
  it('realpaths roots and drops duplicates', async () => {
    expect(await prepareRoots(['root', join(root, 'in'), root], dir, nodePathFs)).toEqual([root, join(root, 'proj')])
  })
  it('refuses missing directories, files and /', async () => {
    expect(await asyncCode(prepareRoots(['missing'], dir))).toBe('CLI_USAGE')
    expect(await asyncCode(prepareRoots([join(root, 'proj', 'compose.yml')], dir))).toBe('CLI_USAGE')
    expect(await asyncCode(prepareRoots(['/'], dir))).toBe('CLI_USAGE')
  })
})
