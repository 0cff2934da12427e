import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../engine/types.ts'
import { fakeEngine } from './_fake-engine.ts'
import { events, toProjectEvent } from './events.ts'

const event = (action: string, attrs: Record<string, string>, type: EngineEvent['Type'] = 'container'): EngineEvent => ({
  Type: type,
  Action: action,
  Actor: { ID: 'c1', Attributes: attrs },
  scope: 'local',
  time: 1_700_000_000,
  timeNano: 1_700_000_000_123_456_000,
})

describe('events', () => {
  it('keeps container events of the project, without one-offs and compose labels', () => {
    const e = toProjectEvent(event('start', { 'com.docker.compose.service': 'web', 'com.docker.compose.project': 'p', name: 'p-web-1', image: 'busybox' }))
    expect(e).toMatchObject({ service: 'web', container: 'c1', action: 'start', attributes: { name: 'p-web-1', image: 'busybox' } })
    expect(Math.abs((e?.nanos ?? 0) - 123_456_000)).toBeLessThan(1000)
    expect(e?.time.getTime()).toBe(1_700_000_000_123)
    expect(toProjectEvent(event('start', { 'com.docker.compose.oneoff': 'True' }))).toBeUndefined()
    expect(toProjectEvent(event('create', {}, 'network'))).toBeUndefined()
  })

  it('subscribes with the project label and filters services', async () => {
    const lines = [event('start', { 'com.docker.compose.service': 'web' }), event('die', { 'com.docker.compose.service': 'db' })].map((e) => `${JSON.stringify(e)}\n`).join('')
    const { client, transport } = fakeEngine([], (_req, url) => (url.pathname.endsWith('/events') ? { body: lines } : undefined))
    const seen: string[] = []
    for await (const e of await events(client, 'p', { services: [], since: '1700000000' })) seen.push(`${e.service}:${e.action}`)
    expect(seen).toEqual(['web:start', 'db:die'])
    const url = new URL(`http://x${transport.requests[0]?.fullPath}`)
    expect(JSON.parse(url.searchParams.get('filters') ?? '')).toEqual({ label: ['com.docker.compose.project=p'], type: ['container'] })
    expect(url.searchParams.get('since')).toBe('1700000000')
    const only: string[] = []
    for await (const e of await events(client, 'p', { services: ['db'] })) only.push(e.action)
    expect(only).toEqual(['die'])
  })
})
