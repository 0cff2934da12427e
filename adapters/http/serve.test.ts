import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultSocketPath, isLoopback, prepareSocket, toBinding } from './serve.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-serve-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('toBinding', () => {
  it('defaults to the unix socket, and --port to 127.0.0.1', () => {
    expect(toBinding({ token: 't' }, '/run/c.sock')).toEqual({ kind: 'socket', path: '/run/c.sock' })
    expect(toBinding({ port: 8080, token: 't' }, '/s')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 8080 })
    expect(toBinding({ socket: '/x.sock' }, '/s')).toEqual({ kind: 'socket', path: '/x.sock' })
  })
  it('binds other interfaces only when --host says so, and then only with a token', () => {
    expect(toBinding({ host: '0.0.0.0', port: 1, token: 'tok' }, '/s')).toEqual({ kind: 'tcp', host: '0.0.0.0', port: 1 })
    expect(() => toBinding({ host: '0.0.0.0', port: 1 }, '/s')).toThrow(/without a token/)
    expect(() => toBinding({ host: '192.168.1.10', token: '' }, '/s')).toThrow(/without a token/)
    expect(toBinding({ host: '::1' }, '/s')).toEqual({ kind: 'tcp', host: '::1', port: 0 })
  })
  it('refuses --socket with --port and bad ports', () => {
    expect(() => toBinding({ socket: '/s', port: 1 }, '/s')).toThrow(/cannot be combined/)
    expect(() => toBinding({ port: 70000 }, '/s')).toThrow(/invalid --port/)
  })
})

describe('isLoopback', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopback(h), h).toBe(true)
    for (const h of ['0.0.0.0', '::', '192.168.0.1', 'localhost.evil.test']) expect(isLoopback(h), h).toBe(false)
  })
})

describe('sockets', () => {
  it('puts the default socket under XDG_RUNTIME_DIR', () => {
    expect(defaultSocketPath({ XDG_RUNTIME_DIR: '/run/user/1' }, '/h')).toBe('/run/user/1/compose/http.sock')
    expect(defaultSocketPath({}, '/h')).toBe('/h/.config/compose/http.sock')
  })
  it('creates a 0700 parent and refuses a world-writable one without sticky bit', async () => {
    await prepareSocket(join(dir, 'private', 'a.sock'))
    expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o700)
    mkdirSync(join(dir, 'open'), { mode: 0o777 })
    const { chmodSync } = await import('node:fs')
    chmodSync(join(dir, 'open'), 0o777)
    await expect(prepareSocket(join(dir, 'open', 'a.sock'))).rejects.toThrow(/writable by other users/)
  })
})
