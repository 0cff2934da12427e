import { describe, expect, it } from 'vitest'
import type { StreamFrame } from '../engine/demux.ts'
import { toLogEntries } from './_log-lines.ts'

async function collect(frames: StreamFrame[], timestamps = false) {
  async function* gen() {
    yield* frames
  }
  const out = []
  for await (const e of toLogEntries(gen(), { container: 'web-1', service: 'web', timestamps })) out.push(e)
  return out
}
const enc = (s: string) => new TextEncoder().encode(s)

describe('toLogEntries', () => {
  it('splits frames into lines across frame boundaries, per stream', async () => {
    const out = await collect([
      { stream: 'stdout', data: enc('hel') },
      { stream: 'stderr', data: enc('err 1\n') },
      { stream: 'stdout', data: enc('lo\nwor') },
      { stream: 'stdout', data: enc('ld\r\nlast') },
    ])
    expect(out.map((e) => [e.stream, e.line])).toEqual([
      ['stderr', 'err 1'],
      ['stdout', 'hello'],
      ['stdout', 'world'],
      ['stdout', 'last'],
    ])
  })

  it('takes the engine timestamp off each line', async () => {
    const out = await collect([{ stream: 'stdout', data: enc('2024-01-02T03:04:05.000000001Z hi there\n') }], true)
    expect(out).toEqual([{ container: 'web-1', service: 'web', stream: 'stdout', line: 'hi there', timestamp: '2024-01-02T03:04:05.000000001Z' }])
  })

  it('keeps multi-byte characters split over frames', async () => {
    const bytes = enc('é\n')
    const out = await collect([{ stream: 'stdout', data: bytes.slice(0, 1) }, { stream: 'stdout', data: bytes.slice(1) }])
    expect(out.map((e) => e.line)).toEqual(['é'])
  })
})
