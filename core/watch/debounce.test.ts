import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBatcher } from './debounce.ts'

describe('debounced batches', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('send one sorted, de-duplicated batch after the quiet period', async () => {
    const batches: string[][] = []
    const b = createBatcher((paths) => void batches.push(paths), { quietMs: 100 })
    b.add('/b')
    await vi.advanceTimersByTimeAsync(60)
    b.add('/a')
    b.add('/b')
    await vi.advanceTimersByTimeAsync(60)
    expect(batches).toEqual([])
    await vi.advanceTimersByTimeAsync(50)
    expect(batches).toEqual([['/a', '/b']])
    b.add('/c')
    await vi.advanceTimersByTimeAsync(100)
    expect(batches).toEqual([['/a', '/b'], ['/c']])
  })

  it('do not let a steady stream of changes postpone a batch past maxWait', async () => {
    const batches: string[][] = []
    const b = createBatcher((paths) => void batches.push(paths), { quietMs: 100, maxWaitMs: 300 })
    for (let i = 0; i < 10; i++) {
      b.add(`/f${i}`)
      await vi.advanceTimersByTimeAsync(50)
    }
    expect(batches.length).toBeGreaterThanOrEqual(1)
    expect(batches[0]?.length).toBeLessThan(10)
  })

  it('never run handlers concurrently; close drops what is pending', async () => {
    let active = 0
    let maxActive = 0
    const b = createBatcher(async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((r) => setTimeout(r, 500))
      active--
    }, { quietMs: 10 })
    b.add('/a')
    await vi.advanceTimersByTimeAsync(20)
    b.add('/b')
    await vi.advanceTimersByTimeAsync(20)
    await vi.advanceTimersByTimeAsync(1200)
    expect(maxActive).toBe(1)
    const seen: string[][] = []
    const c = createBatcher((p) => void seen.push(p), { quietMs: 10 })
    c.add('/x')
    c.close()
    await vi.advanceTimersByTimeAsync(50)
    expect(seen).toEqual([])
  })
})
