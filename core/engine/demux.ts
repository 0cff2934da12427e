/**
 * The engine's multiplexed stdout/stderr stream: frames of an 8-byte header (stream type,
 * three zero bytes, big-endian uint32 length) followed by the payload. Chunk boundaries are
 * not frame boundaries, so the demultiplexer buffers across chunks.
 */

export type StreamName = 'stdin' | 'stdout' | 'stderr'

export interface StreamFrame {
  stream: StreamName
  data: Uint8Array
}

const NAMES: readonly StreamName[] = ['stdin', 'stdout', 'stderr']

export async function* demux(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamFrame> {
  let pending: Uint8Array = new Uint8Array(0)
  for await (const chunk of body) {
    pending = pending.byteLength === 0 ? chunk : join(pending, chunk)
    let offset = 0
    while (pending.byteLength - offset >= 8) {
      const type = pending[offset] ?? 1
      const size =
        (((pending[offset + 4] ?? 0) << 24) >>> 0) +
        ((pending[offset + 5] ?? 0) << 16) +
        ((pending[offset + 6] ?? 0) << 8) +
        (pending[offset + 7] ?? 0)
      if (pending.byteLength - offset - 8 < size) break
      const data = pending.slice(offset + 8, offset + 8 + size)
      offset += 8 + size
      yield { stream: NAMES[type] ?? 'stdout', data }
    }
    pending = offset === 0 ? pending : pending.slice(offset)
  }
  if (pending.byteLength > 0) yield { stream: 'stdout', data: pending }
}

/** A TTY stream is raw: everything is stdout. */
export async function* raw(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamFrame> {
  for await (const data of body) yield { stream: 'stdout', data }
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength)
  out.set(a, 0)
  out.set(b, a.byteLength)
  return out
}

/** Builds one frame (for tests and for fake engines). */
export function encodeFrame(stream: StreamName, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.byteLength)
  out[0] = NAMES.indexOf(stream)
  new DataView(out.buffer).setUint32(4, data.byteLength)
  out.set(data, 8)
  return out
}
