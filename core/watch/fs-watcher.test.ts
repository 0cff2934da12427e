import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { watchTree, type FileWatcher } from './fs-watcher.ts'

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe.each([
  ['recursive fs.watch', true],
  ['a tree of watchers', false],
])('file watching with %s', (_name, recursive) => {
  let dir = ''
  let watcher: FileWatcher | undefined
  afterEach(() => {
    watcher?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reports changes deep in the tree, in directories created after the start too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'compose-watch-'))
    mkdirSync(join(dir, 'a/b'), { recursive: true })
    const seen = new Set<string>()
    watcher = await watchTree(dir, (p) => seen.add(p), { recursive })
    writeFileSync(join(dir, 'a/b/x.txt'), '1')
    await until(() => seen.has(join(dir, 'a/b/x.txt')))
    mkdirSync(join(dir, 'new/deep'), { recursive: true })
    await new Promise((r) => setTimeout(r, 150))
    writeFileSync(join(dir, 'new/deep/y.txt'), '2')
    await until(() => seen.has(join(dir, 'new/deep/y.txt')))
  })

  it('watches a single file, and a path that does not exist yet', async () => {
    dir = mkdtempSync(join(tmpdir(), 'compose-watch-'))
    writeFileSync(join(dir, 'one.txt'), '0')
    const seen: string[] = []
    watcher = await watchTree(join(dir, 'one.txt'), (p) => seen.push(p), { recursive })
    writeFileSync(join(dir, 'one.txt'), '1')
    await until(() => seen.includes(join(dir, 'one.txt')))
    const later: string[] = []
    const w2 = await watchTree(join(dir, 'later'), (p) => later.push(p), { recursive })
    mkdirSync(join(dir, 'later'))
    await until(() => later.includes(join(dir, 'later')))
    w2.close()
  })
})
