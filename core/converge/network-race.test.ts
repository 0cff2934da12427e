import { describe, expect, it } from 'vitest'
import { createdKey } from './_network-race.ts'

describe('the order of duplicate networks', () => {
  it('sorts creation times by their value, though the engine cuts trailing zeros of the fraction', () => {
    const times = ['2026-11-27T04:20:01.123Z', '2026-11-27T04:20:01.12Z', '2026-11-27T04:20:01Z', '2026-11-27T04:20:01.5Z', '2026-11-27T04:20:00.999999999Z']
    expect([...times].sort((a, b) => createdKey(a).localeCompare(createdKey(b)))).toEqual([
      '2026-11-27T04:20:00.999999999Z',
      '2026-11-27T04:20:01Z',
      '2026-11-27T04:20:01.12Z',
      '2026-11-27T04:20:01.123Z',
      '2026-11-27T04:20:01.5Z',
    ])
    // plain text order gets .12 and .123 the wrong way round
    expect(['2026-11-27T04:20:01.123Z', '2026-11-27T04:20:01.12Z'].sort()).toEqual(['2026-11-27T04:20:01.123Z', '2026-11-27T04:20:01.12Z'])
    expect(createdKey(undefined)).toBe('')
  })
})
