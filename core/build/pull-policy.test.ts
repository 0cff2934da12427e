import { describe, expect, it } from 'vitest'
import { mustPull, parseDuration, parsePullPolicy, type LocalImage } from './pull-policy.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The fake clock every decision is taken at. */
const NOW = new Date('2025-06-15T12:00:00Z')
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString()

describe('parsePullPolicy', () => {
  it.each([
    [undefined, { kind: 'missing' }],
    ['', { kind: 'missing' }],
    ['missing', { kind: 'missing' }],
    ['if_not_present', { kind: 'missing' }],
    ['refresh', { kind: 'missing' }],
    ['always', { kind: 'always' }],
    ['never', { kind: 'never' }],
    ['build', { kind: 'build' }],
    ['daily', { kind: 'refresh', every: DAY }],
    ['weekly', { kind: 'refresh', every: 7 * DAY }],
    ['every_12h', { kind: 'refresh', every: 12 * HOUR }],
    ['every_1w2d', { kind: 'refresh', every: 9 * DAY }],
    ['every_90m', { kind: 'refresh', every: 90 * 60_000 }],
    ['every_1.5h', { kind: 'refresh', every: 1.5 * HOUR }],
  ])('%j → %j', (value, policy) => expect(parsePullPolicy(value)).toEqual(policy))

  it('rejects a malformed every_ with IMAGE_PULL_POLICY naming the service', () => {
    expect(() => parsePullPolicy('every_soon', 'web')).toThrow(expect.objectContaining({ code: 'IMAGE_PULL_POLICY', message: expect.stringContaining('service "web"') }))
    expect(() => parsePullPolicy('every_0s')).toThrow(/invalid pull_policy/)
    expect(parseDuration('1h30')).toBeUndefined()
  })
})

describe('mustPull with a fake clock', () => {
  const fresh: LocalImage = { created: ago(400 * DAY), lastTagTime: ago(2 * HOUR) }
  const stale: LocalImage = { created: ago(400 * DAY), lastTagTime: ago(2 * DAY) }
  const untagged: LocalImage = { created: ago(3 * HOUR), lastTagTime: '0001-01-01T00:00:00Z' }

  it.each([
    ['always', fresh, true],
    ['always', undefined, true],
    ['never', undefined, false],
    ['never', stale, false],
    ['build', undefined, false],
    ['missing', undefined, true],
    ['missing', stale, false],
    ['daily', undefined, true],
    ['daily', fresh, false],
    ['daily', stale, true],
    ['weekly', stale, false],
    ['every_1h', fresh, true],
    ['every_3h', fresh, false],
    // without a tag time the creation time counts
    ['every_2h', untagged, true],
    ['every_4h', untagged, false],
    ['daily', {}, true],
  ] as [string, LocalImage | undefined, boolean][])('%s with %j → %s', (policy, image, expected) => {
    expect(mustPull(parsePullPolicy(policy), image, NOW)).toBe(expected)
  })

  it('is exactly on the window edge: not yet due', () => {
    expect(mustPull({ kind: 'refresh', every: DAY }, { lastTagTime: ago(DAY) }, NOW)).toBe(false)
    expect(mustPull({ kind: 'refresh', every: DAY }, { lastTagTime: ago(DAY + 1) }, NOW)).toBe(true)
  })
})
