import { describe, expect, it } from 'vitest'
import { demux, encodeFrame, type StreamFrame } from './demux.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

async function* split(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let prev = 0
  for (const cut of [...cuts, bytes.byteLength]) {
    yield bytes.slice(prev, cut)
    prev = cut
  }
}

async function collect(frames: AsyncIterable<StreamFrame>): Promise<string[]> {
  const out: string[] = []
  for await (const f of frames) out.push(`${f.stream}:${dec.decode(f.data)}`)
  return out
}

describe('demux', () => {
  const expected = ['stdout:out 0\n', 'stderr:err 0\n', 'stdout:', 'stdout:out 1 ' + 'x'.repeat(300), 'stderr:é\n']
  const wire = join([
    encodeFrame('stdout', enc.encode('out 0\n')),
    encodeFrame('stderr', enc.encode('err 0\n')),
    encodeFrame('stdout', new Uint8Array(0)),
    encodeFrame('stdout', enc.encode('out 1 ' + 'x'.repeat(300))),
    encodeFrame('stderr', enc.encode('é\n')),
  ])

  it('splits frames delivered in one chunk', async () => {
    expect(await collect(demux(split(wire, [])))).toEqual(expected)
  })

  it('buffers across every possible single split point', async () => {
    for (let cut = 1; cut < wire.byteLength; cut++) {
      expect(await collect(demux(split(wire, [cut])))).toEqual(expected)
    }
  })

  it('survives random chunkings, including one byte at a time', async () => {
    expect(await collect(demux(split(wire, Array.from({ length: wire.byteLength - 1 }, (_, i) => i + 1))))).toEqual(expected)
    let seed = 7
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 200; round++) {
      const cuts = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => 1 + Math.floor(rand() * (wire.byteLength - 1))))].sort((a, b) => a - b)
      expect(await collect(demux(split(wire, cuts)))).toEqual(expected)
    }
  })
})
