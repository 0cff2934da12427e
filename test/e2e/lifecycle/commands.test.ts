import { afterAll, describe, expect, it } from 'vitest'
import { kill, pause, restart, rm, start, stop, unpause, up } from '../../../core/commands/index.ts'
import { cleanup, client, context, engineUp, makeProject, projectContainers, uniqueName } from './_helpers.ts'

const ok = await engineUp()
const name = uniqueName('lccmd')
const states = async () => (await projectContainers(name)).map((c) => `${c.name.slice(name.length + 1)}:${c.state}`)

describe('lifecycle commands', () => {
  afterAll(async () => {
    await cleanup(name)
  })

  it('--dry-run must plan without touching the engine; stop/start/pause/unpause/kill/restart/rm must change state', async () => {
    const p = makeProject(name, { web: { depends_on: { db: { condition: 'service_started', required: true } } }, db: {} })
    const dry = await up(client, p, { dryRun: true }, context())
    expect(dry.plan.toString()).toContain('container:create')
    expect(await projectContainers(name)).toEqual([])
    await up(client, p, {}, context())
    const stopPlan = await stop(client, p, { timeout: 1 }, context())
    // dependents first: web's stop comes before db's
    expect(stopPlan.plan.toString().indexOf('web-1')).toBeLessThan(stopPlan.plan.toString().indexOf('db-1'))
    expect(await states()).toEqual(['db-1:exited', 'web-1:exited'])
    await start(client, p, {}, context())
    expect(await states()).toEqual(['db-1:running', 'web-1:running'])
    await pause(client, p, { services: ['web'] }, context())
    expect(await states()).toEqual(['db-1:running', 'web-1:paused'])
    await unpause(client, p, {}, context())
    await kill(client, p, { services: ['db'] }, context())
    expect(await states()).toEqual(['db-1:exited', 'web-1:running'])
    await restart(client, p, { timeout: 1 }, context())
    expect(await states()).toEqual(['db-1:running', 'web-1:running'])
    await rm(client, p, { stop: true, timeout: 1 }, context())
    expect(await states()).toEqual([])
  })
})
