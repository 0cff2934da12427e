import { afterAll, afterEach, expect, it } from 'vitest'
import { ping, removeContainer, streamEvents, type EngineEvent } from '../../../core/engine/index.ts'
import { describeEngine, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('events')
const client = newClient()

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

describeEngine('events', () => {
  it('streams typed, filtered events and ends quietly when the signal aborts after the expected one', async () => {
    const name = `${prefix}-c`
    const controller = new AbortController()
    const events = await streamEvents(client, { filters: { type: ['container'], container: [name] }, signal: controller.signal })
    const id = await runBusybox(client, name, ['sh', '-c', 'exit 7'])
    const seen: EngineEvent[] = []
    for await (const event of events) {
      seen.push(event)
      if (event.Action === 'die') controller.abort()
    }
    expect(seen.map((e) => e.Action)).toEqual(['create', 'start', 'die'])
    const die = seen[2]
    expect(die).toMatchObject({ Type: 'container', Actor: { ID: id, Attributes: { name, exitCode: '7' } } })
    expect(typeof die?.timeNano).toBe('number')
    expect((await ping(client)).apiVersion).toBeDefined() // the client still works after the abort
    await removeContainer(client, id)
  })

  it('replays a time window with since and until, then ends by itself', async () => {
    const since = Date.now() / 1000 - 1
    const id = await runBusybox(client, `${prefix}-w`, ['true'], {}, false)
    await removeContainer(client, id)
    const actions: string[] = []
    for await (const e of await streamEvents(client, { since, until: new Date(Date.now() + 500), filters: { container: [id] } })) actions.push(e.Action)
    expect(actions).toEqual(['create', 'destroy'])
  })
})
