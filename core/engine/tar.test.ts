import { describe, expect, it } from 'vitest'
import { collectBytes, readTar, writeTar, type TarEntry, type TarReadEntry } from './tar.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

async function roundTrip(entries: TarEntry[]): Promise<{ entry: TarReadEntry; text: string }[]> {
  const out: { entry: TarReadEntry; text: string }[] = []
  for await (const entry of readTar(writeTar(entries))) out.push({ entry, text: dec.decode(await collectBytes(entry.content)) })
  return out
}

/** Re-chunks a stream into pieces of the given sizes (cycling). */
async function* rechunk(stream: AsyncIterable<Uint8Array>, sizes: number[]): AsyncGenerator<Uint8Array> {
  const all = await collectBytes(stream)
  let at = 0
  let i = 0
  while (at < all.length) {
    const n = sizes[i++ % sizes.length] ?? 1
    yield all.subarray(at, at + n)
    at += n
  }
}

describe('tar writer and reader', () => {
  it('round-trips files, directories and symlinks with modes', async () => {
    const mtime = new Date('2024-01-02T03:04:05Z')
    const got = await roundTrip([
      { type: 'directory', name: 'app', mode: 0o750, mtime },
      { type: 'file', name: 'app/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755, uid: 1000, gid: 1000 },
      { type: 'file', name: 'app/empty', content: new Uint8Array(0) },
      { type: 'symlink', name: 'app/link', target: 'run.sh' },
    ])
    expect(got.map((g) => [g.entry.name, g.entry.type, g.entry.mode])).toEqual([
      ['app/', 'directory', 0o750],
      ['app/run.sh', 'file', 0o755],
      ['app/empty', 'file', 0o644],
      ['app/link', 'symlink', 0o777],
    ])
    expect(got[0]?.entry.mtime.toISOString()).toBe('2024-01-02T03:04:05.000Z')
    expect(got[1]?.text).toBe('#!/bin/sh\necho hi\n')
    expect(got[1]?.entry.uid).toBe(1000)
    expect(got[3]?.entry.linkname).toBe('run.sh')
  })

  it('uses the ustar prefix, then PAX headers for long names and link targets', async () => {
    const mid = `${'d'.repeat(120)}/${'f'.repeat(90)}`
    const long = `${'a'.repeat(200)}/${'b'.repeat(150)}.txt`
    const unicode = `${'ü'.repeat(80)}.txt`
    const got = await roundTrip([
      { type: 'file', name: mid, content: 'mid' },
      { type: 'file', name: long, content: 'long' },
      { type: 'file', name: unicode, content: 'u' },
      { type: 'symlink', name: 'l', target: 't'.repeat(300) },
    ])
    expect(got.map((g) => g.entry.name)).toEqual([mid, long, unicode, 'l'])
    expect(got.map((g) => g.text)).toEqual(['mid', 'long', 'u', ''])
    expect(got[3]?.entry.linkname).toBe('t'.repeat(300))
  })

  it('streams content of a declared size and survives any chunk split', async () => {
    async function* content(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 10; i++) yield enc.encode(`line ${i}\n`.repeat(100))
    }
    const size = Array.from({ length: 10 }, (_, i) => `line ${i}\n`.length * 100).reduce((a, b) => a + b, 0)
    for (const sizes of [[1], [7, 513], [511, 2], [100000]]) {
      const entries: TarEntry[] = [
        { type: 'file', name: 'big.txt', content: content(), size },
        { type: 'file', name: 'small', content: 'x' },
      ]
      const names: string[] = []
      for await (const entry of readTar(rechunk(writeTar(entries), sizes))) {
        const bytes = await collectBytes(entry.content)
        names.push(`${entry.name}:${bytes.length}`)
      }
      expect(names).toEqual([`big.txt:${size}`, 'small:1'])
    }
  })

  it('skips content the reader does not consume', async () => {
    const names: string[] = []
    for await (const entry of readTar(writeTar([
      { type: 'file', name: 'a', content: 'x'.repeat(1500) },
      { type: 'file', name: 'b', content: 'y' },
    ]))) names.push(entry.name)
    expect(names).toEqual(['a', 'b'])
  })

  it('rejects a streamed file whose size does not match', async () => {
    const run = collectBytes(writeTar([{ type: 'file', name: 'x', content: [enc.encode('abc')], size: 5 }]))
    await expect(run).rejects.toMatchObject({ code: 'ENGINE_ARCHIVE' })
    await expect(collectBytes(writeTar([{ type: 'file', name: 'x', content: [enc.encode('abc')] }]))).rejects.toMatchObject({ code: 'ENGINE_ARCHIVE' })
  })

  it('rejects garbage and truncated archives', async () => {
    const garbage = readTar(once(enc.encode('not a tar'.repeat(100))))
    await expect(collectEntries(garbage)).rejects.toMatchObject({ code: 'ENGINE_ARCHIVE' })
    const whole = await collectBytes(writeTar([{ type: 'file', name: 'a', content: 'x'.repeat(2000) }]))
    await expect(collectEntries(readTar(once(whole.subarray(0, 1024))))).rejects.toMatchObject({ code: 'ENGINE_ARCHIVE' })
  })

  it('writes blocks of 512 bytes ending with two zero blocks', async () => {
    const bytes = await collectBytes(writeTar([{ type: 'file', name: 'a', content: 'hello' }]))
    expect(bytes.length).toBe(512 * 4)
    expect(dec.decode(bytes.subarray(257, 262))).toBe('ustar')
    expect(bytes.subarray(1024).every((b) => b === 0)).toBe(true)
  })
})

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes
}

async function collectEntries(entries: AsyncIterable<TarReadEntry>): Promise<string[]> {
  const out: string[] = []
  for await (const e of entries) {
    await collectBytes(e.content)
    out.push(e.name)
  }
  return out
}
