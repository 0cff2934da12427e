import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { collectBytes, readTar } from '../engine/tar.ts'
import type { BuildConfig } from '../model/project.ts'
import { isRemoteContext, prepareContext } from './context.ts'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compose-ctx-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function tree(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), content)
  }
}

interface Listed {
  type: string
  text: string
  mode: number
  uid: number
  linkname: string
  mtime: Date
}

async function list(build: Partial<BuildConfig> & { context?: string }): Promise<{ dockerfile: string; entries: Map<string, Listed> }> {
  const ctx = await prepareContext({ context: join(dir, 'ctx'), ...build } as BuildConfig)
  const entries = new Map<string, Listed>()
  const bytes = ctx.tar
  const input = bytes instanceof Uint8Array ? (async function* () { yield bytes })() : bytes
  for await (const e of readTar(input)) {
    entries.set(e.name, { type: e.type, text: new TextDecoder().decode(await collectBytes(e.content)), mode: e.mode, uid: e.uid, linkname: e.linkname, mtime: e.mtime })
  }
  return { dockerfile: ctx.dockerfile, entries }
}

describe('prepareContext', () => {
  it('sends what .dockerignore keeps, with ! exceptions, ** and the build files always', async () => {
    await tree({
      'ctx/Dockerfile': 'FROM busybox\n',
      'ctx/.dockerignore': '# build output\n**/*.log\n!keep.log\nnode_modules\ndocs\n!docs/keep.md\nDockerfile\n.dockerignore\n/secret.txt   \n',
      'ctx/app/main.js': 'main',
      'ctx/app/debug.log': 'x',
      'ctx/keep.log': 'kept',
      'ctx/node_modules/lib/index.js': 'x',
      'ctx/docs/keep.md': 'keep',
      'ctx/docs/drop.md': 'drop',
      'ctx/secret.txt': 'secret',
      'ctx/sub/secret.txt': 'not at the root',
    })
    const { dockerfile, entries } = await list({ dockerfile: 'Dockerfile' })
    expect(dockerfile).toBe('Dockerfile')
    expect([...entries.keys()].sort()).toEqual(['.dockerignore', 'Dockerfile', 'app/', 'app/main.js', 'docs/keep.md', 'keep.log', 'sub/', 'sub/secret.txt'])
    expect(entries.get('keep.log')?.text).toBe('kept')
  })

  it('sends a Dockerfile that lives in an excluded directory, and nothing else of it', async () => {
    await tree({ 'ctx/.dockerignore': 'docker\n', 'ctx/docker/Dockerfile': 'FROM busybox\n', 'ctx/docker/notes.txt': 'x', 'ctx/app.txt': 'a' })
    const { dockerfile, entries } = await list({ dockerfile: 'docker/Dockerfile' })
    expect(dockerfile).toBe('docker/Dockerfile')
    expect([...entries.keys()].sort()).toEqual(['.dockerignore', 'app.txt', 'docker/Dockerfile'])
  })

  it('refuses a .dockerignore that links outside the context', async () => {
    await tree({ 'ctx/Dockerfile': 'FROM busybox\n', 'elsewhere.ignore': '*' })
    await symlink('../elsewhere.ignore', join(dir, 'ctx/.dockerignore'))
    await expect(prepareContext({ context: join(dir, 'ctx'), dockerfile: 'Dockerfile' })).rejects.toMatchObject({ code: 'BUILD_CONTEXT', message: expect.stringContaining('links outside the build context') })
  })

  it('archives symlinks as links, keeps modes and mtimes, owners 0', async () => {
    await tree({ 'ctx/Dockerfile': 'FROM busybox\n', 'ctx/run.sh': '#!/bin/sh\n', 'outside.txt': 'outside' })
    await chmod(join(dir, 'ctx/run.sh'), 0o750)
    await utimes(join(dir, 'ctx/run.sh'), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'))
    await symlink('../outside.txt', join(dir, 'ctx/link'))
    await symlink('/etc', join(dir, 'ctx/etc-link'))
    const { entries } = await list({})
    expect(entries.get('link')).toMatchObject({ type: 'symlink', linkname: '../outside.txt', text: '' })
    expect(entries.get('etc-link')).toMatchObject({ type: 'symlink', linkname: '/etc' })
    expect(entries.has('etc-link/passwd')).toBe(false)
    expect(entries.get('run.sh')).toMatchObject({ type: 'file', mode: 0o750, uid: 0 })
    expect(entries.get('run.sh')?.mtime.toISOString()).toBe('2020-01-01T00:00:00.000Z')
  })

  it('adds a Dockerfile from outside the context under a content-named file the engine drops', async () => {
    await tree({ 'ctx/app.txt': 'a', 'ctx/.dockerignore': '*.tmp', 'docker/web.Dockerfile': 'FROM busybox\nCOPY . /app\n' })
    const first = await list({ dockerfile: join(dir, 'docker/web.Dockerfile') })
    expect(first.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/)
    expect(first.entries.get(first.dockerfile)?.text).toBe('FROM busybox\nCOPY . /app\n')
    expect(first.entries.get('.dockerignore')?.text).toBe(`*.tmp\n${first.dockerfile}\n`)
    expect(first.entries.has('app.txt')).toBe(true)
    const again = await list({ dockerfile: '../docker/web.Dockerfile' })
    expect(again.dockerfile).toBe(first.dockerfile)
  })

  it('follows a Dockerfile symlink: inside stays a path, outside is inlined', async () => {
    await tree({ 'ctx/real/Dockerfile': 'FROM busybox\n', 'other/Dockerfile': 'FROM scratch\n' })
    await symlink('real/Dockerfile', join(dir, 'ctx/Dockerfile'))
    expect((await list({ dockerfile: 'Dockerfile' })).dockerfile).toBe('real/Dockerfile')
    await symlink('../other/Dockerfile', join(dir, 'ctx/Outside'))
    const out = await list({ dockerfile: 'Outside' })
    expect(out.entries.get(out.dockerfile)?.text).toBe('FROM scratch\n')
  })

  it('sends dockerfile_inline, with a .dockerignore that hides itself when the context has none', async () => {
    await tree({ 'ctx/a.txt': 'a' })
    const { dockerfile, entries } = await list({ dockerfile_inline: 'FROM busybox\nCOPY a.txt /\n' })
    expect(entries.get(dockerfile)?.text).toBe('FROM busybox\nCOPY a.txt /\n')
    expect(entries.get('.dockerignore')?.text).toBe(`.dockerignore\n${dockerfile}\n`)
  })

  it('prefers <Dockerfile>.dockerignore over the context .dockerignore', async () => {
    await tree({
      'ctx/Dockerfile': 'FROM busybox\n',
      'ctx/Dockerfile.dockerignore': 'b.txt\n',
      'ctx/.dockerignore': 'a.txt\n',
      'ctx/a.txt': 'a',
      'ctx/b.txt': 'b',
    })
    const { entries } = await list({ dockerfile: 'Dockerfile' })
    expect(entries.has('a.txt')).toBe(true)
    expect(entries.has('b.txt')).toBe(false)
    expect(entries.get('.dockerignore')?.text).toBe('b.txt\n\n.dockerignore\n')
  })

  it('reports a missing context or Dockerfile with BUILD_CONTEXT', async () => {
    await expect(prepareContext({ context: join(dir, 'nope') })).rejects.toMatchObject({ code: 'BUILD_CONTEXT', message: expect.stringContaining('not found') })
    await tree({ 'ctx/a.txt': 'a' })
    await expect(prepareContext({ context: join(dir, 'ctx'), dockerfile: 'Dockerfile' })).rejects.toMatchObject({ code: 'BUILD_CONTEXT', message: expect.stringContaining('Cannot locate specified Dockerfile') })
  })

  it('passes URL and git contexts to the engine as remote', async () => {
    for (const url of ['https://example.com/ctx.tar.gz', 'git@github.com:a/b.git', 'github.com/a/b', 'git://host/repo']) expect(isRemoteContext(url)).toBe(true)
    expect(isRemoteContext('/abs/dir')).toBe(false)
    const ctx = await prepareContext({ context: 'https://example.com/repo.git#main', dockerfile: 'Dockerfile' })
    expect(ctx).toMatchObject({ remote: 'https://example.com/repo.git#main', dockerfile: 'Dockerfile' })
  })

  it('streams a large file in bounded chunks without reading it up front', async () => {
    await tree({ 'ctx/Dockerfile': 'FROM busybox\n' })
    await writeFile(join(dir, 'ctx/big.bin'), new Uint8Array(3 * 1024 * 1024 + 17).fill(7))
    const ctx = await prepareContext({ context: join(dir, 'ctx'), dockerfile: 'Dockerfile' }, { chunkSize: 64 * 1024 })
    let largest = 0
    let total = 0
    for await (const chunk of ctx.tar as AsyncIterable<Uint8Array>) {
      largest = Math.max(largest, chunk.byteLength)
      total += chunk.byteLength
    }
    expect(largest).toBeLessThanOrEqual(64 * 1024)
    expect(total).toBeGreaterThan(3 * 1024 * 1024)
  })
})
