import { execFileSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'
import { dockerExec, engineUp, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`

/** path → type, mode and content (or link target) of every entry below `root`. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string): void => {
    const full = join(root, rel)
    const st = lstatSync(full)
    const mode = (st.mode & 0o7777).toString(8)
    if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(full)}`
    else if (st.isDirectory()) {
      if (rel !== '') out[rel] = `dir ${mode}`
      for (const child of readdirSync(full).sort()) walk(rel === '' ? child : `${rel}/${child}`)
    } else out[rel] = `file ${mode} ${readFileSync(full).toString('base64')}`
  }
  walk('')
  return out
}

describe('cp', () => {
  const p = tempProject('e2eicp', yaml)
  let tree = ''
  beforeAll(() => {
    const up = p.cli(['up', '-d'])
    if (up.code !== 0) throw new Error(up.stderr)
    p.write('tree/a.txt', 'hello\n')
    p.write('tree/sub/deep/bin.dat', randomBytes(300_000))
    p.write('tree/sub/exec.sh', '#!/bin/sh\necho hi\n')
    chmodSync(join(p.dir, 'tree/sub/exec.sh'), 0o750)
    mkdirSync(join(p.dir, 'tree/empty'))
    symlinkSync('a.txt', join(p.dir, 'tree/link'))
    p.write(`tree/${'long-name-'.repeat(12)}.txt`, 'ustar needs a PAX header for this one')
    tree = join(p.dir, 'tree')
  })
  afterAll(() => p.dispose())

  it('cp must round-trip a directory tree byte for byte (modes, symlinks, empty directories, long names)', () => {
    const into = p.cli(['cp', 'tree', 'web:/data'])
    expect(into.code, into.stderr).toBe(0)
    expect(dockerExec(`${p.name}-web-1`, ['cat', '/data/a.txt'])).toBe('hello\n')
    mkdirSync(join(p.dir, 'back'))
    const out = p.cli(['cp', 'web:/data', 'back/'])
    expect(out.code, out.stderr).toBe(0)
    expect(snapshot(join(p.dir, 'back/data'))).toEqual(snapshot(tree))
    const renamed = p.cli(['cp', 'web:/data', 'copy'])
    expect(renamed.code, renamed.stderr).toBe(0)
    expect(snapshot(join(p.dir, 'copy'))).toEqual(snapshot(tree))
  })

  it('cp must follow docker cp path rules: dir/. copies the content, a file can be renamed, a missing parent fails', () => {
    const missingParent = p.cli(['cp', 'tree/a.txt', 'web:/nodir/x/'])
    expect(missingParent.code).toBe(1)
    expect(missingParent.stderr).toContain('does not exist')
    dockerExec(`${p.name}-web-1`, ['mkdir', '/merged'])
    expect(p.cli(['cp', 'tree/.', 'web:/merged']).code).toBe(0)
    expect(dockerExec(`${p.name}-web-1`, ['ls', '/merged'])).not.toContain('tree')
    expect(dockerExec(`${p.name}-web-1`, ['cat', '/merged/a.txt'])).toBe('hello\n')
    expect(p.cli(['cp', 'tree/a.txt', 'web:/merged/renamed.txt']).code).toBe(0)
    expect(dockerExec(`${p.name}-web-1`, ['cat', '/merged/renamed.txt'])).toBe('hello\n')
    const missing = p.cli(['cp', 'web:/nope', 'x'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no such file or directory')
    const followed = p.cli(['cp', '-L', 'web:/data/link', 'followed.txt'])
    expect(followed.code, followed.stderr).toBe(0)
    expect(readFileSync(join(p.dir, 'followed.txt'), 'utf8')).toBe('hello\n')
  })

  it('cp - must read a tar from stdin and write one to stdout', () => {
    execFileSync('sh', ['-c', `tar -C ${tree} -cf - a.txt sub | node ${REPO}bin/compose.cjs -p ${p.name} cp - web:/tmp`], { cwd: p.dir })
    expect(dockerExec(`${p.name}-web-1`, ['cat', '/tmp/a.txt'])).toBe('hello\n')
    const listing = execFileSync('sh', ['-c', `node ${REPO}bin/compose.cjs -p ${p.name} cp web:/tmp/sub - | tar -tf -`], { cwd: p.dir, encoding: 'utf8' })
    expect(listing.split('\n').filter((l) => l !== '').sort()).toEqual(['sub/', 'sub/deep/', 'sub/deep/bin.dat', 'sub/exec.sh'])
  })
})
