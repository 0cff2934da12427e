/**
 * A streaming ustar writer: entries in, tar bytes out, one entry at a time (a build context is
 * never held in memory). Names or link targets that do not fit ustar, and sizes past 8 GiB, get a
 * PAX extended header.
 */
import { ComposeError } from '../errors.ts'
import { BLOCK, encodeHeader, MAX_OCTAL_11, paxRecord, splitUstarName } from './_tar-header.ts'

interface EntryBase {
  /** Path inside the archive, `/`-separated, relative (a leading `/` is stripped). */
  name: string
  /** Permission bits; default 0o644 for files, 0o755 for directories, 0o777 for symlinks. */
  mode?: number
  uid?: number
  gid?: number
  uname?: string
  gname?: string
  /** Default: the Unix epoch (reproducible archives, stable build cache). */
  mtime?: Date
}

export type TarContent = Uint8Array | string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>

export interface TarFileEntry extends EntryBase {
  type: 'file'
  content: TarContent
  /** Required when `content` is a stream (the header precedes the data). */
  size?: number
}

export interface TarDirectoryEntry extends EntryBase {
  type: 'directory'
}

export interface TarSymlinkEntry extends EntryBase {
  type: 'symlink'
  target: string
}

export type TarEntry = TarFileEntry | TarDirectoryEntry | TarSymlinkEntry

const encoder = new TextEncoder()
const EPOCH = new Date(0)
const END = new Uint8Array(BLOCK * 2)

/** Writes the entries as a tar stream, ending with the two zero blocks. */
export async function* writeTar(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>): AsyncGenerator<Uint8Array> {
  for await (const entry of entries) yield* writeEntry(entry)
  yield END
}

async function* writeEntry(entry: TarEntry): AsyncGenerator<Uint8Array> {
  let name = entry.name.replace(/^\/+/, '')
  if (name === '') throw new ComposeError('ENGINE_ARCHIVE', 'a tar entry needs a name')
  if (entry.type === 'directory' && !name.endsWith('/')) name += '/'
  const content = entry.type === 'file' ? entry.content : undefined
  const bytes = typeof content === 'string' ? encoder.encode(content) : content instanceof Uint8Array ? content : undefined
  let size = 0
  if (entry.type === 'file') {
    size = bytes?.byteLength ?? entry.size ?? -1
    if (size < 0) throw new ComposeError('ENGINE_ARCHIVE', `tar entry "${name}": a streamed file needs its size`)
  }
  const linkname = entry.type === 'symlink' ? entry.target : ''
  const pax: string[] = []
  let split = splitUstarName(name)
  if (split === undefined) {
    pax.push(paxRecord('path', name))
    split = { prefix: '', name: truncate(name, 100) }
  }
  if (encoder.encode(linkname).length > 100) pax.push(paxRecord('linkpath', linkname))
  if (size > MAX_OCTAL_11) pax.push(paxRecord('size', String(size)))
  const mtime = entry.mtime ?? EPOCH
  const common = {
    uid: entry.uid ?? 0,
    gid: entry.gid ?? 0,
    uname: entry.uname ?? '',
    gname: entry.gname ?? '',
    mtime,
  }
  if (pax.length > 0) {
    const data = encoder.encode(pax.join(''))
    yield encodeHeader({ ...common, name: truncate(`PaxHeaders.0/${lastSegment(name)}`, 100), prefix: '', type: 'pax', size: data.byteLength, mode: 0o644, linkname: '' })
    yield data
    yield padding(data.byteLength)
  }
  const mode = entry.mode ?? (entry.type === 'directory' ? 0o755 : entry.type === 'symlink' ? 0o777 : 0o644)
  yield encodeHeader({
    ...common,
    ...split,
    type: entry.type,
    size: size > MAX_OCTAL_11 ? 0 : size,
    mode,
    linkname: truncate(linkname, 100),
  })
  if (entry.type !== 'file') return
  if (bytes !== undefined) {
    if (bytes.byteLength > 0) yield bytes
  } else {
    let written = 0
    for await (const chunk of content as AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
      written += chunk.byteLength
      if (written > size) throw new ComposeError('ENGINE_ARCHIVE', `tar entry "${name}": more content than its declared size ${size}`)
      if (chunk.byteLength > 0) yield chunk
    }
    if (written !== size) throw new ComposeError('ENGINE_ARCHIVE', `tar entry "${name}": ${written} bytes of content, ${size} declared`)
  }
  const pad = padding(size)
  if (pad.byteLength > 0) yield pad
}

function padding(size: number): Uint8Array {
  const rest = size % BLOCK
  return new Uint8Array(rest === 0 ? 0 : BLOCK - rest)
}

function lastSegment(name: string): string {
  const parts = name.split('/').filter((p) => p !== '')
  return parts[parts.length - 1] ?? 'entry'
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncate(value: string, max: number): string {
  if (encoder.encode(value).length <= max) return value
  let out = ''
  let size = 0
  for (const ch of value) {
    const n = encoder.encode(ch).length
    if (size + n > max) break
    out += ch
    size += n
  }
  return out
}
