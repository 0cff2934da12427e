import { describe, expect, it } from 'vitest'
import { lines, ndjson, progress } from './ndjson.ts'

const enc = new TextEncoder()

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? enc.encode(p) : p
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('ndjson', () => {
  it('joins lines split across chunks, also inside a UTF-8 character', async () => {
    const euro = enc.encode('{"a":"€"}\n')
    expect(await all(ndjson(chunks('{"id":', '1}\n{"id"', ':2}\r\n\n', euro.slice(0, 7), euro.slice(7), '{"last":true}')))).toEqual([
      { id: 1 },
      { id: 2 },
      { a: '€' },
      { last: true },
    ])
  })

  it('splits objects concatenated on one line', async () => {
    expect(await all(ndjson(chunks('{"a":"}{"}{"b":2}\n')))).toEqual([{ a: '}{' }, { b: 2 }])
  })

  it('reports a malformed line with its content', async () => {
    await expect(all(ndjson(chunks('{"ok":1}\nnot json\n')))).rejects.toMatchObject({ code: 'ENGINE_STREAM', message: expect.stringContaining('not json') })
  })

  it('skips blank lines', async () => {
    expect(await all(lines(chunks('\n\na\n  \nb')))).toEqual(['a', 'b'])
  })

  it('progress throws on an in-band error line after passing the good ones on', async () => {
    const seen: unknown[] = []
    const run = async (): Promise<void> => {
      for await (const m of progress(chunks('{"stream":"Step 1/2\\n"}\n{"errorDetail":{"code":1,"message":"boom"},"error":"boom"}\n{"stream":"never"}\n'), 'building x')) seen.push(m)
    }
    await expect(run()).rejects.toMatchObject({ code: 'ENGINE_STREAM', message: 'building x: boom' })
    expect(seen).toEqual([{ stream: 'Step 1/2\n' }])
  })
})
