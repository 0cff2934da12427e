import { describe, expect, it } from 'vitest'
import { definePlugin, HOOK_KINDS } from '../../core/index.ts'
import { createPluginTestKit } from './kit.ts'
import { sampleHookArgs } from './payloads.ts'

const yaml = `
services:
  db:
    image: busybox:latest
  web:
    image: busybox:latest
    depends_on: [db]
    x-tag: blue
`

describe('createPluginTestKit', () => {
  it('loads YAML text with only the given plugins and runs up/down on the in-memory engine', async () => {
    const seen: string[] = []
    const kit = createPluginTestKit({
      plugins: [
        definePlugin({
          name: 'compose-plugin-tagger',
          hooks: {
            'container:create': (_ctx, draft) => {
              const tag = draft.service['x-tag']
              if (typeof tag === 'string') draft.spec.body.Labels = { ...draft.spec.body.Labels, tag }
            },
            'container:started': (_ctx, ref) => void seen.push(ref.service),
          },
        }),
      ],
    })
    try {
      const project = await kit.load(yaml)
      expect(project.name).toMatch(/^kit-[0-9a-f]{8}$/)
      await project.up()
      const bodies = kit.fake?.createBodies() ?? {}
      expect(Object.keys(bodies).sort()).toEqual([`${project.name}-db-1`, `${project.name}-web-1`])
      expect((bodies[`${project.name}-web-1`]?.Labels as Record<string, string>).tag).toBe('blue')
      expect(seen.sort()).toEqual(['db', 'web'])
      expect(kit.events.some((e) => e.type === 'progress' && e.status === 'Started')).toBe(true)
    } finally {
      await kit.close()
    }
    expect(kit.fake?.containers.size).toBe(0)
    expect(kit.fake?.networks.size).toBe(0)
  })

  it('leaves ${VAR} literal unless the env built-in is asked for', async () => {
    const text = 'services:\n  a:\n    image: busybox:${TAG}\n'
    const bare = createPluginTestKit({ env: { TAG: '1.36' } })
    const withEnv = createPluginTestKit({ env: { TAG: '1.36' }, builtins: { env: true } })
    expect((await bare.load(text)).project.services.a?.image).toBe('busybox:${TAG}')
    expect((await withEnv.load(text)).project.services.a?.image).toBe('busybox:1.36')
    await bare.close()
    await withEnv.close()
  })

  it('calls one hook through the host and captures its events', async () => {
    const kit = createPluginTestKit({
      plugins: [definePlugin({ name: 'compose-plugin-warn', hooks: { 'project:up': (ctx, done) => ctx.emit({ type: 'warning', message: `up ${done.project}` }) } })],
    })
    const project = await kit.load(yaml)
    const [done] = sampleHookArgs(project)['project:up'] ?? []
    if (done === undefined) throw new Error('no sample')
    await kit.call('project:up', done)
    expect(kit.warnings()).toEqual([`up ${project.name}`])
    await kit.close()
  })

  it('has a sample payload for every hook', async () => {
    const kit = createPluginTestKit()
    const args = sampleHookArgs(await kit.load(yaml))
    expect(Object.keys(args).sort()).toEqual(Object.keys(HOOK_KINDS).sort())
    await kit.close()
  })
})
