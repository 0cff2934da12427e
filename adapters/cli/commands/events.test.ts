import { describe, expect, it } from 'vitest'
import { eventJson, eventText } from './events.ts'

describe('events output', () => {
  const e = { time: new Date(2024, 4, 6, 7, 8, 9, 123), nanos: 123_456_789, service: 'web', container: 'abc', action: 'start', attributes: { name: 'p-web-1', image: 'busybox' } }

  it('prints docker compose text lines with microseconds and sorted attributes', () => {
    expect(eventText(e)).toBe('2024-05-06 07:08:09.123456 container start abc (image=busybox, name=p-web-1)')
  })

  it('prints --json objects with sorted keys and an RFC 3339 nano time', () => {
    const obj = JSON.parse(eventJson(e)) as Record<string, unknown>
    expect(Object.keys(obj)).toEqual(['action', 'attributes', 'id', 'service', 'time', 'type'])
    expect(obj).toMatchObject({ action: 'start', id: 'abc', service: 'web', type: 'container', attributes: { image: 'busybox', name: 'p-web-1' } })
    expect(obj.time).toMatch(/^2024-05-06T07:08:09\.123456789(Z|[+-]\d\d:\d\d)$/)
  })
})
