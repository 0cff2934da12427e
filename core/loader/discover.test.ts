import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ComposeError } from '../errors.ts'
import { nodeFs } from './_node-fs.ts'
import { discoverFiles, normalizeProjectName, projectDirectoryOf, resolveProjectName } from './discover.ts'

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-discover-'))
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true })
    writeFileSync(join(root, f), 'services: {}\n')
  }
  return root
}

describe('discoverFiles', () => {
  it('prefers compose.yaml, adds the first override next to it, and warns about duplicates', async () => {
    const root = tree(['compose.yaml', 'docker-compose.yml', 'compose.override.yml', 'docker-compose.override.yaml'])
    const found = await discoverFiles({ cwd: root, env: {}, fs: nodeFs })
    expect(found.files).toEqual([join(root, 'compose.yaml'), join(root, 'compose.override.yml')])
    expect(found.warnings).toHaveLength(2)
  })

  it('walks up the parent directories', async () => {
    const root = tree(['docker-compose.yaml', 'a/b/.keep'])
    const found = await discoverFiles({ cwd: join(root, 'a', 'b'), env: {}, fs: nodeFs })
    expect(found.files).toEqual([join(root, 'docker-compose.yaml')])
    expect(projectDirectoryOf(join(root, 'a', 'b'), found.files)).toBe(root)
  })

  it('uses -f (relative to cwd, - for stdin) and then COMPOSE_FILE with its separator', async () => {
    const root = tree(['x.yaml', 'y.yaml', 'compose.yaml'])
    expect((await discoverFiles({ cwd: root, files: ['x.yaml', '-'], env: {}, fs: nodeFs })).files).toEqual([join(root, 'x.yaml'), '-'])
    const env = { COMPOSE_FILE: 'x.yaml;y.yaml', COMPOSE_PATH_SEPARATOR: ';' }
    expect((await discoverFiles({ cwd: root, env, fs: nodeFs })).files).toEqual([join(root, 'x.yaml'), join(root, 'y.yaml')])
  })

  it('fails with LOAD_FILE_NOT_FOUND for a missing -f file and LOAD_NO_FILE when nothing is found', async () => {
    const root = tree(['a/.keep'])
    await expect(discoverFiles({ cwd: root, files: ['nope.yaml'], env: {}, fs: nodeFs })).rejects.toMatchObject({ code: 'LOAD_FILE_NOT_FOUND' })
    await expect(discoverFiles({ cwd: join(root, 'a'), env: {}, fs: { ...nodeFs, stat: async () => undefined } })).rejects.toMatchObject({ code: 'LOAD_NO_FILE' })
  })

  it('takes --project-directory as the search start and as project directory', async () => {
    const root = tree(['p/compose.yml'])
    const found = await discoverFiles({ cwd: root, projectDirectory: 'p', env: {}, fs: nodeFs })
    expect(found.files).toEqual([join(root, 'p', 'compose.yml')])
    expect(projectDirectoryOf(root, ['-'], 'p')).toBe(join(root, 'p'))
    expect(projectDirectoryOf(root, ['-'])).toBe(root)
    expect(basename(projectDirectoryOf(root, found.files))).toBe('p')
  })
})

describe('project name', () => {
  it('normalizes like compose-go', () => {
    expect(normalizeProjectName('_My Project.v2-')).toBe('myprojectv2-')
  })

  it('follows -p, COMPOSE_PROJECT_NAME, name:, directory', () => {
    expect(resolveProjectName({ flag: 'a', env: 'b', fromFiles: 'c', namedInFiles: true, workingDir: '/x/d' })).toBe('a')
    expect(resolveProjectName({ env: 'b', fromFiles: 'c', namedInFiles: true, workingDir: '/x/d' })).toBe('b')
    expect(resolveProjectName({ fromFiles: 'C!', namedInFiles: true, workingDir: '/x/d' })).toBe('c')
    expect(resolveProjectName({ namedInFiles: false, workingDir: '/x/My_Dir' })).toBe('my_dir')
  })

  it('validates explicit names and refuses an empty one', () => {
    expect(() => resolveProjectName({ flag: 'My', namedInFiles: false, workingDir: '/x' })).toThrow('invalid project name "My"')
    try {
      resolveProjectName({ namedInFiles: false, workingDir: '/' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ComposeError)
      expect((error as ComposeError).code).toBe('LOAD_PROJECT_NAME')
      expect((error as ComposeError).message).toBe('project name must not be empty')
    }
  })
})
