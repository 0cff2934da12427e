/**
 * Hostile inputs too big or too binary to commit: generated into a temporary folder by the test.
 * Each generator returns the bytes of `compose.yaml` (deterministic: same bytes every run).
 */
const MiB = 1024 * 1024
const text = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A valid file padded past 10 MiB with a block scalar: must be refused before parsing. */
export function tenMiBFile(): Uint8Array {
  const line = `      ${'x'.repeat(120)}\n`
  const head = 'services:\n  web:\n    image: nginx\nx-padding:\n  blob: |\n'
  return text(head + line.repeat(Math.ceil((10 * MiB) / line.length)))
}

/**
 * 100k services, the last one depending on an undefined service: the whole file must be read,
 * validated and rejected (pointing at that line) within the time and memory bounds.
 */
export function manyServices(count = 100_000): Uint8Array {
  const parts = ['services:\n']
  for (let i = 0; i < count; i++) parts.push(`  s${i}:\n    image: alpine\n`)
  parts.push('  last:\n    image: alpine\n    depends_on: [missing]\n')
  return text(parts.join(''))
}

/** A 1 MiB scalar where a mapping belongs: the error must not echo the whole scalar back. */
export function oneMiBScalar(): Uint8Array {
  return text(`services:\n  web:\n    image: nginx\n    environment: ${'a'.repeat(MiB)}\n`)
}

/** 20k nested flow sequences (closed): a recursive parser or validator would overflow its stack. */
export function deepBrackets(depth = 20_000): Uint8Array {
  return text(`services:\n  web:\n    image: nginx\n    command: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)
}

/** 20k unclosed `[`. */
export function unclosedBrackets(depth = 20_000): Uint8Array {
  return text(`services:\n  web:\n    image: nginx\n    command: ${'['.repeat(depth)}\n`)
}

/** A chain of 10k `<<` merges, each of the previous anchor: quadratic if expanded naively. */
export function mergeChain(length = 10_000): Uint8Array {
  const lines = ['x-m0: &m0 {k0: 0}']
  for (let i = 1; i < length; i++) lines.push(`x-m${i}: &m${i} {<<: *m${i - 1}, k${i}: ${i}}`)
  lines.push('services:', '  web:', '    image: nginx', `    labels: *m${length - 1}`, '')
  return text(lines.join('\n'))
}

const VALID = 'services:\n  web:\n    image: nginx\n'

/** UTF-8 with a byte order mark: valid (go-yaml skips it). */
export function withBom(): Uint8Array {
  return new Uint8Array([0xef, 0xbb, 0xbf, ...text(VALID)])
}

function utf16le(s: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2)
  let o = 0
  if (bom) {
    out[o++] = 0xff
    out[o++] = 0xfe
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out[o++] = c & 0xff
    out[o++] = c >> 8
  }
  return out
}

/** UTF-16LE with a BOM: valid (go-yaml decodes it). */
export function utf16WithBom(): Uint8Array {
  return utf16le(VALID, true)
}

/** UTF-16LE without a BOM: every other byte is NUL, so it reads as binary. */
export function utf16WithoutBom(): Uint8Array {
  return utf16le(VALID, false)
}

/** NUL bytes inside a value. */
export function nulBytes(): Uint8Array {
  return text('services:\n  web:\n    image: ngi\u0000nx\n')
}

/** 64 KiB from a fixed-seed xorshift generator: not text at all. */
export function binaryGarbage(size = 64 * 1024): Uint8Array {
  const out = new Uint8Array(size)
  let x = 0x9e3779b9
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
