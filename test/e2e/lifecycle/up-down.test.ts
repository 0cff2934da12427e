import { afterEach, describe, expect, it } from 'vitest'
import { down, up } from '../../../core/commands/index.ts'
import type { ComposeEvent } from '../../../core/events.ts'
import { cleanup, client, context, engineUp, eventually, makeProject, projectContainers, uniqueName } from './_helpers.ts'
import { listNetworks } from '../../../core/engine/api/networks.ts'
import { createVolume, listVolumes, removeVolume } from '../../../core/engine/api/volumes.ts'

const ok = await engineUp()
const used: string[] = []
afterEach(async () => {
  for (const p of used.splice(0)) await cleanup(p)
})

describe('up/down lifecycle', () => {
  it('up from nothing must create network, volume and containers with compose labels', async () => {
    const name = uniqueName('lcup')
    used.push(name)
    const p = makeProject(name, { web: { volumes: [{ type: 'volume', source: 'data', target: '/data' }] }, db: {} }, { volumes: { data: { name: `${name}_data` } } })
    await up(client, p, {}, context())
    const cs = await projectContainers(name)
    expect(cs.map((c) => [c.name, c.state])).toEqual([
      [`${name}-db-1`, 'running'],
      [`${name}-web-1`, 'running'],
    ])
    expect(cs[1]?.labels).toMatchObject({ 'com.docker.compose.project': name, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' })
    expect((await listNetworks(client, { filters: { name: [`${name}_default`] } })).length).toBe(1)
  })

  it('a rerun must be a no-op; an env change must recreate only that service', async () => {
    const name = uniqueName('lcre')
    used.push(name)
    const p = makeProject(name, { web: { environment: { A: '1' } }, db: {} })
    await up(client, p, {}, context())
    const before = await projectContainers(name)
    const rerun = await up(client, p, {}, context())
    expect(rerun.plan.toString()).toBe('')
    const changed = makeProject(name, { web: { environment: { A: '2' } }, db: {} })
    await up(client, changed, {}, context())
    const after = await projectContainers(name)
    expect(after.find((c) => c.name.endsWith('db-1'))?.id).toBe(before.find((c) => c.name.endsWith('db-1'))?.id)
    const web = after.find((c) => c.name === `${name}-web-1`)
    expect(web?.id).not.toBe(before.find((c) => c.name.endsWith('web-1'))?.id)
    // docker compose writes `<service>-<n>` (or container_name) there, not the old container's full name
    expect(web?.labels['com.docker.compose.replace']).toBe('web-1')
    expect(after.length).toBe(2)
  })

  it('scale up then down must remove the highest numbers', async () => {
    const name = uniqueName('lcsc')
    used.push(name)
    const p = makeProject(name, { web: {} })
    await up(client, p, { scale: { web: 3 } }, context())
    expect((await projectContainers(name)).map((c) => c.name)).toEqual([1, 2, 3].map((n) => `${name}-web-${n}`))
    await up(client, p, { scale: { web: 1 } }, context())
    expect((await projectContainers(name)).map((c) => c.name)).toEqual([`${name}-web-1`])
  })

  it('depends_on service_healthy and service_completed_successfully must gate the start', async () => {
    const name = uniqueName('lcdep')
    used.push(name)
    const p = makeProject(name, {
      init: { command: ['sh', '-c', 'sleep 1; exit 0'] },
      db: { healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], interval: '1s', retries: 30 }, command: ['sh', '-c', 'sleep 2; touch /tmp/ok; sleep 3600'] },
      web: { depends_on: { db: { condition: 'service_healthy', required: true }, init: { condition: 'service_completed_successfully', required: true } } },
    })
    await up(client, p, {}, context())
    const cs = await projectContainers(name)
    expect(cs.find((c) => c.name.endsWith('web-1'))?.state).toBe('running')
    expect(cs.find((c) => c.name.endsWith('init-1'))?.state).toBe('exited')
    const failing = makeProject(uniqueName('lcfail'), { bad: { command: ['sh', '-c', 'exit 3'] }, web: { depends_on: { bad: { condition: 'service_completed_successfully', required: true } } } })
    used.push(failing.name)
    await expect(up(client, failing, {}, context())).rejects.toThrow(/service "bad" didn't complete successfully: exit 3/)
  })

  it('orphans must be warned about, then removed with --remove-orphans', async () => {
    const name = uniqueName('lcorph')
    used.push(name)
    await up(client, makeProject(name, { web: {}, old: {} }), {}, context())
    const events: ComposeEvent[] = []
    await up(client, makeProject(name, { web: {} }), {}, context(events))
    expect(events.some((e) => e.type === 'warning' && /orphan containers/.test(e.message))).toBe(true)
    await up(client, makeProject(name, { web: {} }), { removeOrphans: true }, context())
    expect((await projectContainers(name)).map((c) => c.name)).toEqual([`${name}-web-1`])
  })

  it('down -v must leave nothing behind', async () => {
    const name = uniqueName('lcdown')
    used.push(name)
    const p = makeProject(name, { web: { volumes: [{ type: 'volume', source: 'data', target: '/data' }, { type: 'volume', target: '/anon' }] } }, { volumes: { data: { name: `${name}_data` } } })
    await up(client, p, {}, context())
    await down(client, p, { volumes: true, timeout: 1 }, context())
    expect(await projectContainers(name)).toEqual([])
    expect(await listNetworks(client, { filters: { label: [`com.docker.compose.project=${name}`] } })).toEqual([])
    await eventually(
      async () => (await listVolumes(client, { filters: { name: [name] } })).volumes,
      (v) => v.length === 0,
    )
  })

  it('down -v leaves alone a volume that is only declared (no service mounts it) and that compose did not make', async () => {
    const name = uniqueName('lcdecl')
    used.push(name)
    const theirs = `${name}_kept`
    await createVolume(client, { Name: theirs, Labels: {}, DriverOpts: {} })
    try {
      const p = makeProject(name, { web: {} }, { volumes: { kept: { name: theirs } } })
      await up(client, p, {}, context())
      const result = await down(client, p, { volumes: true, timeout: 1 }, context())
      expect(result.plan.toString()).not.toContain('volume:remove')
      expect((await listVolumes(client, { filters: { name: [theirs] } })).volumes.map((v) => v.Name)).toEqual([theirs])
    } finally {
      await removeVolume(client, theirs).catch(() => undefined)
    }
  })
})
