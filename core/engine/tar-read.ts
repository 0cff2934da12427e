/**
 * A streaming tar reader: bytes in, entries out. Each entry's `content` streams from the
 * archive and must be read before the next entry is asked for; content left unread is skipped.
 * Understands ustar, PAX (`x`, `g`) and GNU long names (`L`, `K`), as Docker and Go write them.
 */
import { ComposeError } from '../errors.ts'
import { BLOCK, decodeHeader, isZeroBlock, parsePax, typeOfFlag, type TarHeader } from './_tar-header.ts'

/** An entry as read: the header's fields (without the raw type flag) and the streamed bytes. */
export interface TarReadEntry extends Omit<TarHeader, 'flag'> {
  /** The file's bytes (empty for other types). */
  content: AsyncIterable<Uint8Array>
}

/** Buffers a byte stream so that exact byte counts can be read from it. */
class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>
  #pending: Uint8Array = new Uint8Array(0)

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]()
  }

  /** Up to `max` bytes; an empty array at the end of the stream. */
  async read(max: number): Promise<Uint8Array> {
    while (this.#pending.byteLength === 0) {
      const next = await this.#source.next()
      if (next.done === true) return new Uint8Array(0)
      this.#pending = next.value
    }
    const out = this.#pending.subarray(0, max)
    this.#pending = this.#pending.subarray(out.byteLength)
    return out
  }

  /** Exactly `n` bytes, or fewer only at the end of the stream. */
  async readExact(n: number): Promise<Uint8Array> {
    const first = await this.read(n)
    if (first.byteLength === n || first.byteLength === 0) return first
    const out = new Uint8Array(n)
    out.set(first, 0)
    let at = first.byteLength
    while (at < n) {
      const chunk = await this.read(n - at)
      if (chunk.byteLength === 0) return out.subarray(0, at)
      out.set(chunk, at)
      at += chunk.byteLength
    }
    return out
  }

  async skip(n: number): Promise<void> {
    let left = n
    while (left > 0) {
      const chunk = await this.read(left)
      if (chunk.byteLength === 0) throw truncated()
      left -= chunk.byteLength
    }
  }

  async close(): Promise<void> {
    await this.#source.return?.()
  }
}

const truncated = (): ComposeError => new ComposeError('ENGINE_ARCHIVE', 'the tar stream ended in the middle of an entry')
const decoder = new TextDecoder()

export async function* readTar(stream: AsyncIterable<Uint8Array>): AsyncGenerator<TarReadEntry> {
  const reader = new ByteReader(stream)
  let globalPax: Record<string, string> = {}
  let pax: Record<string, string> = {}
  let longName: string | undefined
  let longLink: string | undefined
  try {
    for (;;) {
      const block = await reader.readExact(BLOCK)
      if (block.byteLength === 0 || isZeroBlock(block)) return
      if (block.byteLength < BLOCK) throw truncated()
      const header = decodeHeader(block)
      if (header === undefined) throw new ComposeError('ENGINE_ARCHIVE', 'invalid tar header (bad checksum): not a tar stream, or a corrupt one')
      const padded = Math.ceil(header.size / BLOCK) * BLOCK
      if (header.flag === 'x' || header.flag === 'g' || header.flag === 'L' || header.flag === 'K') {
        const data = await reader.readExact(padded)
        if (data.byteLength < padded) throw truncated()
        const body = data.subarray(0, header.size)
        if (header.flag === 'x') pax = { ...pax, ...parsePax(body) }
        else if (header.flag === 'g') globalPax = { ...globalPax, ...parsePax(body) }
        else if (header.flag === 'L') longName = decoder.decode(body).replace(/\0+$/, '')
        else longLink = decoder.decode(body).replace(/\0+$/, '')
        continue
      }
      const ext = { ...globalPax, ...pax }
      const size = ext.size === undefined ? header.size : Number(ext.size)
      const name = longName ?? ext.path ?? header.name
      const entry: TarReadEntry = {
        name,
        type: header.flag === '0' || header.flag === '\0' ? (name.endsWith('/') ? 'directory' : 'file') : typeOfFlag(header.flag),
        size,
        mode: header.mode,
        uid: ext.uid === undefined ? header.uid : Number(ext.uid),
        gid: ext.gid === undefined ? header.gid : Number(ext.gid),
        mtime: ext.mtime === undefined ? header.mtime : new Date(Number(ext.mtime) * 1000),
        linkname: longLink ?? ext.linkpath ?? header.linkname,
        uname: ext.uname ?? header.uname,
        gname: ext.gname ?? header.gname,
        content: emptyContent(),
      }
      pax = {}
      longName = undefined
      longLink = undefined
      const dataSize = header.flag === '1' || header.flag === '2' || header.flag === '5' ? 0 : size
      const state = { left: dataSize }
      entry.content = contentOf(reader, state)
      yield entry
      await reader.skip(state.left)
      const rest = (BLOCK - (dataSize % BLOCK)) % BLOCK
      await reader.skip(rest)
    }
  } finally {
    await reader.close()
  }
}

async function* emptyContent(): AsyncGenerator<Uint8Array> {
  // no data
}

async function* contentOf(reader: ByteReader, state: { left: number }): AsyncGenerator<Uint8Array> {
  while (state.left > 0) {
    const chunk = await reader.read(Math.min(state.left, 64 * 1024))
    if (chunk.byteLength === 0) throw truncated()
    state.left -= chunk.byteLength
    yield chunk
  }
}

export { collectBytes } from './bytes.ts'
