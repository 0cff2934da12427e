/** ustar header blocks (POSIX.1-1988) and PAX extended records: encoding and decoding. */

export const BLOCK = 512

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other'

export interface TarHeader {
  name: string
  type: TarEntryType
  /** The raw type flag ('0', '5', '2', 'x', 'L', ...). */
  flag: string
  size: number
  mode: number
  uid: number
  gid: number
  mtime: Date
  linkname: string
  uname: string
  gname: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const FLAGS: Record<TarEntryType, string> = { file: '0', directory: '5', symlink: '2', hardlink: '1', other: '0' }

export function typeOfFlag(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file'
    case '5':
      return 'directory'
    case '2':
      return 'symlink'
    case '1':
      return 'hardlink'
    default:
      return 'other'
  }
}

/** The largest value an 11-digit octal field holds (8 GiB - 1). */
export const MAX_OCTAL_11 = 0o77777777777

/** Splits a path into ustar's `prefix` (155) and `name` (100), or undefined when it does not fit. */
export function splitUstarName(name: string): { prefix: string; name: string } | undefined {
  const bytes = encoder.encode(name)
  if (bytes.length <= 100) return { prefix: '', name }
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue
    const prefix = name.slice(0, i)
    const rest = name.slice(i + 1)
    if (encoder.encode(prefix).length <= 155 && encoder.encode(rest).length <= 100 && rest !== '') return { prefix, name: rest }
  }
  return undefined
}

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value)
  block.set(bytes.subarray(0, length), offset)
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  const text = Math.max(0, Math.floor(value)).toString(8).padStart(length - 1, '0')
  writeString(block, offset, length - 1, text.slice(-(length - 1)))
}

export interface HeaderFields {
  name: string
  prefix: string
  type: TarEntryType | 'pax'
  size: number
  mode: number
  uid: number
  gid: number
  mtime: Date
  linkname: string
  uname: string
  gname: string
}

export function encodeHeader(h: HeaderFields): Uint8Array {
  const block = new Uint8Array(BLOCK)
  writeString(block, 0, 100, h.name)
  writeOctal(block, 100, 8, h.mode & 0o7777)
  writeOctal(block, 108, 8, h.uid)
  writeOctal(block, 116, 8, h.gid)
  writeOctal(block, 124, 12, h.size)
  writeOctal(block, 136, 12, Math.floor(h.mtime.getTime() / 1000))
  block.fill(0x20, 148, 156)
  block[156] = (h.type === 'pax' ? 'x' : FLAGS[h.type]).charCodeAt(0)
  writeString(block, 157, 100, h.linkname)
  writeString(block, 257, 6, 'ustar\0')
  writeString(block, 263, 2, '00')
  writeString(block, 265, 32, h.uname)
  writeString(block, 297, 32, h.gname)
  writeString(block, 345, 155, h.prefix)
  let sum = 0
  for (const b of block) sum += b
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  return block
}

/** One PAX record: `<length> <key>=<value>\n`, the length counting itself. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`
  const bodyLength = encoder.encode(body).length
  let length = bodyLength + String(bodyLength).length
  if (String(length).length !== String(bodyLength).length) length = bodyLength + String(length).length
  return `${length}${body}`
}

export function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  let at = 0
  while (at < data.length) {
    let space = at
    while (space < data.length && data[space] !== 0x20) space++
    const length = Number(decoder.decode(data.subarray(at, space)))
    if (!Number.isInteger(length) || length <= 0) break
    const record = decoder.decode(data.subarray(space + 1, at + length - 1))
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return out
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length)
  const end = field.indexOf(0)
  return decoder.decode(end === -1 ? field : field.subarray(0, end))
}

function readNumber(block: Uint8Array, offset: number, length: number): number {
  const first = block[offset] ?? 0
  if ((first & 0x80) !== 0) {
    // GNU base-256: big-endian two's complement with the high bit as marker
    let value = first & 0x7f
    for (let i = 1; i < length; i++) value = value * 256 + (block[offset + i] ?? 0)
    return value
  }
  const text = readString(block, offset, length).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (const b of block) if (b !== 0) return false
  return true
}

/** Decodes a header block; undefined when its checksum is wrong. */
export function decodeHeader(block: Uint8Array): TarHeader | undefined {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0)
  if (readNumber(block, 148, 8) !== sum) return undefined
  const flag = String.fromCharCode(block[156] ?? 0)
  const ustar = readString(block, 257, 6).startsWith('ustar')
  const prefix = ustar ? readString(block, 345, 155) : ''
  const base = readString(block, 0, 100)
  const name = prefix === '' ? base : `${prefix}/${base}`
  return {
    name,
    flag,
    type: flag === '0' && name.endsWith('/') ? 'directory' : typeOfFlag(flag),
    size: readNumber(block, 124, 12),
    mode: readNumber(block, 100, 8),
    uid: readNumber(block, 108, 8),
    gid: readNumber(block, 116, 8),
    mtime: new Date(readNumber(block, 136, 12) * 1000),
    linkname: readString(block, 157, 100),
    uname: ustar ? readString(block, 265, 32) : '',
    gname: ustar ? readString(block, 297, 32) : '',
  }
}
