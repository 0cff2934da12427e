import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultTokenFile, generateToken, loadOrCreateToken } from './token.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-token-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('token', () => {
  it('generates 32 random bytes as base64url', () => {
    const a = generateToken()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(generateToken()).not.toBe(a)
  })
  it('defaults to $XDG_CONFIG_HOME/compose/http-token, else ~/.config', () => {
    expect(defaultTokenFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/compose/http-token')
    expect(defaultTokenFile({}, '/home/u')).toBe('/home/u/.config/compose/http-token')
  })
  it('creates the token file with mode 0600 in a 0700 directory, then reads it back', async () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'cfg') }
    const first = await loadOrCreateToken({ env, home: dir })
    expect(first.created).toBe(true)
    expect(first.file).toBe(join(dir, 'cfg', 'compose', 'http-token'))
    expect(lstatSync(first.file).mode & 0o777).toBe(0o600)
    expect(lstatSync(join(dir, 'cfg', 'compose')).mode & 0o777).toBe(0o700)
    expect(readFileSync(first.file, 'utf8').trim()).toBe(first.token)
    const second = await loadOrCreateToken({ env, home: dir })
    expect(second).toEqual({ ...first, created: false })
  })
  it('reads an existing --token-file, or generates into it', async () => {
    const file = join(dir, 'given')
    writeFileSync(file, 'my-own-token-of-some-length\n', { mode: 0o600 })
    expect((await loadOrCreateToken({ file, env: {}, home: dir })).token).toBe('my-own-token-of-some-length')
    const fresh = await loadOrCreateToken({ file: join(dir, 'new', 'tok'), env: {}, home: dir })
    expect(fresh.created).toBe(true)
  })
  it('refuses a token file others can read, a symlink, and a short token', async () => {
    const open = join(dir, 'open')
    writeFileSync(open, 'my-own-token-of-some-length\n')
    chmodSync(open, 0o644)
    await expect(loadOrCreateToken({ file: open, env: {}, home: dir })).rejects.toMatchObject({ code: 'CLI_USAGE', hint: `chmod 600 ${open}` })
    const link = join(dir, 'link')
    symlinkSync(join(dir, 'given'), link)
    await expect(loadOrCreateToken({ file: link, env: {}, home: dir })).rejects.toThrow(/symbolic link/)
    const short = join(dir, 'short')
    writeFileSync(short, 'abc\n', { mode: 0o600 })
    await expect(loadOrCreateToken({ file: short, env: {}, home: dir })).rejects.toThrow(/usable token/)
  })
})
