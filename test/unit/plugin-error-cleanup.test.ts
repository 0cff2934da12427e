/**
 * A plugin that throws while `up` runs against the real engine: the command fails with a
 * PLUGIN_ERROR naming plugin and hook, and the engine holds nothing half-made (checked through
 * the engine's own lists, not through our bookkeeping).
 */
import { describe, expect, it } from 'vitest'
import { definePlugin } from '../../core/index.ts'
import { createPluginTestKit, type PluginTestKit } from '../../plugins/_testing/index.ts'

const yaml = `
services:
  db:
    image: busybox:latest
    command: ["sleep", "600"]
  web:
    image: busybox:latest
    command: ["sleep", "600"]
    depends_on: [db]
  cache:
    image: busybox:latest
    command: ["sleep", "600"]
`

async function engineState(kit: PluginTestKit, project: string): Promise<{ containers: Record<string, string>; networks: string[] }> {
  const probe = await kit.load('services: {}\n', { projectName: `${project}-probe` })
  const filters = JSON.stringify({ label: [`com.docker.compose.project=${project}`] })
  const containers = await probe.client.json<{ Names: string[]; State: string }[]>({ method: 'GET', path: '/containers/json', query: { all: true, filters } })
  const networks = await probe.client.json<{ Name: string }[]>({ method: 'GET', path: '/networks', query: { filters } })
  return {
    containers: Object.fromEntries(containers.map((c) => [(c.Names[0] ?? '').slice(project.length + 2), c.State])),
    networks: networks.map((n) => n.Name),
  }
}

describe('a failing plugin during up (real engine)', () => {
  it('container:create throws for one service: PLUGIN_ERROR names plugin and hook; no container of it or its dependents exists, the rest is fully started', async () => {
    const kit = createPluginTestKit({
      engine: 'real',
      env: { ...process.env },
      prefix: 'plg-fail',
      plugins: [definePlugin({ name: 'compose-plugin-picky', hooks: { 'container:create': (_c, d) => { if (d.service.name === 'db') throw new Error('db refused') } } })],
    })
    try {
      const project = await kit.load(yaml)
      const error = await project.up().catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'PLUGIN_ERROR' })
      expect((error as Error).message).toContain('plugin "compose-plugin-picky" failed in hook "container:create": db refused')
      const state = await engineState(kit, project.name)
      // db failed before its create call, web (depends on db) was skipped, cache is independent
      expect(state.containers).toEqual({ 'cache-1': 'running' })
      expect(Object.values(state.containers)).not.toContain('created')
    } finally {
      await kit.close()
    }
  }, 60_000)

  it('plan:create throws: nothing at all is created (no network, no container)', async () => {
    const kit = createPluginTestKit({
      engine: 'real',
      env: { ...process.env },
      prefix: 'plg-fail',
      plugins: [definePlugin({ name: 'compose-plugin-veto', hooks: { 'plan:create': () => { throw new Error('not today') } } })],
    })
    try {
      const project = await kit.load(yaml)
      await expect(project.up()).rejects.toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'compose-plugin-veto', hook: 'plan:create' })
      expect(await engineState(kit, project.name)).toEqual({ containers: {}, networks: [] })
    } finally {
      await kit.close()
    }
  }, 60_000)
})
