import { describe, expect, it } from 'vitest'
import type { Project, ServiceConfig } from '../model/project.ts'
import type { AttachEvent, AttachSession } from './_attach-logs.ts'
import { attachedServices, superviseAttached, type SuperviseEvent } from './_attached-up.ts'
import { projectOf } from './_project-fixture.ts'

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return projectOf('p', services, { defaults: { image: 'busybox' }, extra: { workingDir: '/tmp' } })
}

const p = project({ db: {}, cache: { attach: false }, web: { depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_started', required: true } } } })

describe('attachedServices', () => {
  it('attaches every service that does not opt out', () => {
    expect(attachedServices(p, {})).toEqual(['db', 'web'])
  })
  it('attaches only the named services, or with --attach-dependencies their dependencies too', () => {
    expect(attachedServices(p, { services: ['web'] })).toEqual(['web'])
    expect(attachedServices(p, { services: ['web'], attachDependencies: true })).toEqual(['db', 'web'])
  })
  it('--attach is taken as is (attach: false included), --no-attach removes', () => {
    expect(attachedServices(p, { attach: ['cache', 'db'] })).toEqual(['cache', 'db'])
    expect(attachedServices(p, { noAttach: ['db'] })).toEqual(['web'])
    expect(() => attachedServices(p, { attach: ['nope'] })).toThrow('cannot attach to services not included in up: nope')
  })
})

function session(events: AttachEvent[], gate?: Promise<void>): AttachSession {
  return {
    start: async () => [],
    close: () => {},
    async *[Symbol.asyncIterator]() {
      for (const e of events) yield e
      await gate
    },
  }
}
const exit = (service: string, exitCode: number): AttachEvent => ({ type: 'exited', id: service, container: `${service}-1`, service, exitCode, restarting: false })

describe('superviseAttached', () => {
  const base = { stop: async () => {}, onEvent: () => {} }
  it('returns 0 when containers exit on their own', async () => {
    expect(await superviseAttached(session([exit('a', 3)]), { ...base, onExit: 'ignore' })).toMatchObject({ exitCode: 0, interrupted: false })
  })
  it('--abort-on-container-exit: stops once on the first exit and returns its code', async () => {
    let stops = 0
    const events: SuperviseEvent[] = []
    const result = await superviseAttached(session([exit('a', 3), exit('b', 143)]), { onExit: 'stop', stop: async () => void stops++, onEvent: (e) => void events.push(e) })
    expect(result.exitCode).toBe(3)
    expect(stops).toBe(1)
    expect(events.filter((e) => e.type === 'stopping')).toEqual([{ type: 'stopping', reason: 'abort' }])
  })
  it('--abort-on-container-failure ignores exits with 0', async () => {
    let stops = 0
    const result = await superviseAttached(session([exit('a', 0), exit('b', 2), exit('c', 143)]), { ...base, onExit: 'fail', stop: async () => void stops++ })
    expect(result.exitCode).toBe(2)
    expect(stops).toBe(1)
  })
  it('--exit-code-from takes the code of that service, 143 when the abort stopped it', async () => {
    expect((await superviseAttached(session([exit('a', 0), exit('b', 143)]), { ...base, onExit: 'stop', exitCodeFrom: 'b' })).exitCode).toBe(143)
    expect((await superviseAttached(session([exit('b', 5), exit('a', 143)]), { ...base, onExit: 'stop', exitCodeFrom: 'b' })).exitCode).toBe(5)
  })
  it('an interrupt stops the application gracefully and gives 130', async () => {
    const controller = new AbortController()
    let release = (): void => {}
    const gate = new Promise<void>((r) => (release = r))
    const events: SuperviseEvent[] = []
    const running = superviseAttached(session([], gate), { onExit: 'ignore', signal: controller.signal, stop: async () => release(), onEvent: (e) => void events.push(e) })
    controller.abort()
    expect(await running).toMatchObject({ exitCode: 130, interrupted: true })
    expect(events).toEqual([{ type: 'stopping', reason: 'interrupt' }])
  })
})
