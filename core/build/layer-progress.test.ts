import { describe, expect, it } from 'vitest'
import { formatBytes, formatTotals, LayerProgress } from './layer-progress.ts'

describe('LayerProgress', () => {
  it('folds a pull into layer and byte totals', () => {
    const p = new LayerProgress()
    const messages = [
      { status: 'Pulling from library/app', id: '1' },
      { status: 'Pulling fs layer', id: 'a' },
      { status: 'Pulling fs layer', id: 'b' },
      { status: 'Already exists', id: 'c' },
      { status: 'Downloading', id: 'a', progressDetail: { current: 500, total: 1000 } },
      { status: 'Downloading', id: 'b', progressDetail: { current: 100, total: 3000 } },
    ]
    expect(messages.map((m) => p.update(m))).toEqual([false, true, true, true, true, true])
    expect(p.totals()).toEqual({ layers: 3, done: 1, current: 600, total: 4000 })
    p.update({ status: 'Download complete', id: 'a' })
    p.update({ status: 'Extracting', id: 'a', progressDetail: { current: 10, total: 1000 } })
    p.update({ status: 'Pull complete', id: 'a' })
    expect(p.totals()).toEqual({ layers: 3, done: 2, current: 1100, total: 4000 })
    expect(p.update({ status: 'Digest: sha256:abc' })).toBe(false)
    expect(p.update({ status: 'Status: Downloaded newer image for app:1' })).toBe(false)
  })

  it('folds a push, counting mounted and existing layers as done', () => {
    const p = new LayerProgress()
    p.update({ status: 'The push refers to repository [127.0.0.1:5000/app]' })
    p.update({ status: 'Preparing', id: 'a' })
    p.update({ status: 'Preparing', id: 'b' })
    p.update({ status: 'Preparing', id: 'c' })
    p.update({ status: 'Pushing', id: 'a', progressDetail: { current: 512, total: 2048 } })
    p.update({ status: 'Layer already exists', id: 'b' })
    p.update({ status: 'Mounted from library/base', id: 'c' })
    expect(p.totals()).toEqual({ layers: 3, done: 2, current: 512, total: 2048 })
    p.update({ status: 'Pushed', id: 'a' })
    expect(p.totals()).toEqual({ layers: 3, done: 3, current: 2048, total: 2048 })
  })

  it('formats totals the way docker prints sizes', () => {
    expect(formatTotals({ layers: 1, done: 0, current: 0, total: 0 })).toBe('0/1 layer')
    expect(formatTotals({ layers: 5, done: 3, current: 12_300_000, total: 40_120_000 })).toBe('3/5 layers  12.3MB/40.1MB')
    expect([0, 999, 1000, 1_990_000, 123_456_789, 5e12].map(formatBytes)).toEqual(['0B', '999B', '1.00kB', '1.99MB', '123MB', '5.00TB'])
  })
})
