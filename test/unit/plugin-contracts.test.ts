/**
 * The hook contracts through the real pipeline (in-memory engine): ordering, sequential vs
 * parallel vs first, error isolation, abort, hang reports. The same rules, unit-tested on the
 * bare PluginHost, live in core/plugin/host.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { definePlugin, HOOK_KINDS, Plan, PluginHost, type ComposeEvent, type ComposeHooks, type ComposePlugin } from '../../core/index.ts'
import { createPluginTestKit } from '../../plugins/_testing/index.ts'

const TWO = 'services:\n  db:\n    image: busybox\n  web:\n    image: busybox\n    depends_on: [db]\n'

function tag(name: string, log: string[], extra: Partial<ComposePlugin> = {}, order?: 'pre' | 'post'): ComposePlugin {
  const handler: ComposeHooks['container:create'] = (_ctx, draft) => {
    log.push(name)
    draft.spec.body.Labels = { ...draft.spec.body.Labels, order: `${draft.spec.body.Labels?.order ?? ''}${name},` }
  }
  return { name: `compose-plugin-${name}`, hooks: { 'container:create': order === undefined ? handler : { order, handler } }, ...extra }
}

describe('hook order', () => {
  it('runs enforce tiers first, then per-hook order, then registration order — never array position alone', async () => {
    const log: string[] = []
    const kit = createPluginTestKit({
      plugins: [tag('a', log), tag('late', log, { enforce: 'post' }), tag('b', log, {}, 'pre'), tag('early', log, { enforce: 'pre' }), tag('c', log, {}, 'post'), tag('d', log)],
    })
    const project = await kit.load('services:\n  one:\n    image: busybox\n')
    await project.up()
    expect(log).toEqual(['early', 'b', 'a', 'd', 'c', 'late'])
    expect((kit.fake?.createBodies()[`${project.name}-one-1`]?.Labels as Record<string, string>).order).toBe('early,b,a,d,c,late,')
    expect((await kit.host()).order('container:create')).toEqual(['early', 'b', 'a', 'd', 'c', 'late'].map((n) => `compose-plugin-${n}`))
    await kit.close()
  })

  it('built-ins run before compose.config plugins, which run before library plugins (same tier)', async () => {
    const log: string[] = []
    const kit = createPluginTestKit({ builtins: { health: true }, plugins: [tag('mine', log)] })
    expect((await kit.host()).order('container:create')).toEqual(['compose:health', 'compose-plugin-mine'])
    await kit.close()
  })
})

describe('hook kinds', () => {
  it('declares a kind for every hook: sequential mutate, parallel notify, first gate', () => {
    expect(HOOK_KINDS['container:create']).toBe('sequential')
    expect(HOOK_KINDS['container:started']).toBe('parallel')
    expect(HOOK_KINDS['service:ready']).toBe('first')
    expect(new Set(Object.values(HOOK_KINDS))).toEqual(new Set(['sequential', 'parallel', 'first']))
  })

  it('parallel handlers run at the same time (each waits for the other and neither deadlocks)', async () => {
    let release: () => void = () => {}
    const both = new Promise<void>((r) => (release = r))
    let arrived = 0
    const meet = async (): Promise<void> => {
      arrived += 1
      if (arrived === 2) release()
      await both
    }
    const kit = createPluginTestKit({
      plugins: [definePlugin({ name: 'compose-plugin-p1', hooks: { 'project:up': meet } }), definePlugin({ name: 'compose-plugin-p2', hooks: { 'project:up': meet } })],
    })
    await (await kit.load(TWO)).up()
    expect(arrived).toBe(2)
    await kit.close()
  })

  it('sequential handlers see the previous handler’s mutation', async () => {
    const seen: (string | undefined)[] = []
    const kit = createPluginTestKit({
      plugins: [
        definePlugin({ name: 'compose-plugin-set', hooks: { 'plan:prepare': (_c, d) => void (d.replicas.web = 2) } }),
        definePlugin({ name: 'compose-plugin-read', hooks: { 'plan:prepare': (_c, d) => void seen.push(String(d.replicas.web)) } }),
      ],
    })
    const project = await kit.load(TWO)
    await project.up()
    expect(seen).toEqual(['2'])
    expect(Object.keys(kit.fake?.createBodies() ?? {}).filter((n) => n.includes('-web-')).length).toBe(2)
    await kit.close()
  })

  it('first: the first handler returning a value wins and later ones are not called', async () => {
    const calls: string[] = []
    const gate = (name: string, answer: boolean | undefined): ComposePlugin =>
      definePlugin({ name: `compose-plugin-${name}`, hooks: { 'service:ready': () => (calls.push(name), answer) } })
    const kit = createPluginTestKit({ plugins: [gate('pass', undefined), gate('take', true), gate('never', true)] })
    const project = await kit.load('services:\n  db:\n    image: busybox\n  web:\n    image: busybox\n    depends_on: { db: { condition: service_healthy } }\n')
    await project.up()
    expect(calls).toEqual(['pass', 'take'])
    await kit.close()
  })
})

describe('errors', () => {
  it('a throw in a sequential hook becomes PLUGIN_ERROR naming plugin and hook, with the cause kept', async () => {
    const boom = new Error('kaboom')
    const kit = createPluginTestKit({ plugins: [definePlugin({ name: 'compose-plugin-boom', hooks: { 'plan:create': () => { throw boom } } })] })
    const error = await (await kit.load(TWO)).up().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'compose-plugin-boom', hook: 'plan:create', cause: boom })
    expect(String((error as Error).message)).toBe('plugin "compose-plugin-boom" failed in hook "plan:create": kaboom')
    expect(kit.fake?.calls.filter((c) => c.method !== 'GET')).toEqual([])
    await kit.close()
  })

  it('a throw in a parallel notification is an error event; the command succeeds and the other handlers ran', async () => {
    const ran: string[] = []
    const kit = createPluginTestKit({
      plugins: [
        definePlugin({ name: 'compose-plugin-flaky', hooks: { 'container:started': () => Promise.reject(new Error('webhook down')) } }),
        definePlugin({ name: 'compose-plugin-steady', hooks: { 'container:started': (_c, ref) => void ran.push(ref.service) } }),
      ],
    })
    const project = await kit.load(TWO)
    await project.up()
    expect(ran.sort()).toEqual(['db', 'web'])
    const errors = kit.events.filter((e): e is Extract<ComposeEvent, { type: 'error' }> => e.type === 'error')
    const message = 'plugin "compose-plugin-flaky" failed in hook "container:started": webhook down'
    expect(errors.map((e) => [e.source, e.message])).toEqual([
      ['compose-plugin-flaky', message],
      ['compose-plugin-flaky', message],
    ])
    expect(errors[0]?.error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'compose-plugin-flaky', hook: 'container:started' })
    await kit.close()
  })

  it('a failing container:create stops that service and its dependents; nothing half-made is left', async () => {
    const kit = createPluginTestKit({ plugins: [definePlugin({ name: 'compose-plugin-picky', hooks: { 'container:create': (_c, d) => { if (d.service.name === 'db') throw new Error('no db today') } } })] })
    const project = await kit.load(TWO)
    const error = await project.up().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR' })
    expect((error as Error).message).toContain('plugin "compose-plugin-picky" failed in hook "container:create": no db today')
    expect(kit.fake?.containers.size).toBe(0)
    expect(kit.fake?.calls.filter((c) => c.path === '/containers/create')).toEqual([])
    await kit.close()
  })

  it('rejects plugins with an unknown hook when the host is built (PLUGIN_INVALID names plugin and hook)', async () => {
    const bad = { name: 'compose-plugin-typo', hooks: { 'container:creat': () => {} } } as unknown as ComposePlugin
    const kit = createPluginTestKit({ plugins: [bad] })
    await expect(kit.load(TWO)).rejects.toMatchObject({ code: 'PLUGIN_INVALID', plugin: 'compose-plugin-typo', hook: 'container:creat' })
  })
})

describe('abort and hangs', () => {
  it('an abort inside a hook during up stops before the next Engine call; up rejects with the reason in its causes', async () => {
    const controller = new AbortController()
    const reason = new Error('user pressed ^C')
    const kit = createPluginTestKit({
      plugins: [
        definePlugin({
          name: 'compose-plugin-stopper',
          hooks: {
            'container:create': (ctx) => {
              controller.abort(reason)
              throw ctx.signal.reason
            },
          },
        }),
      ],
    })
    const project = await kit.load(TWO)
    const error = await project.up({ signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(causes(error)).toContain(reason)
    expect(kit.fake?.containers.size).toBe(0)
    expect(kit.fake?.calls.filter((c) => c.path === '/containers/create')).toEqual([])
    await kit.close()
  })

  // An abort between `plan:create` and execution skips every node; `up` must not resolve as if
  // it succeeded (nor fire `project:up`): it rejects with the abort reason.
  it('an abort between plan:create and execution rejects up', async () => {
    const controller = new AbortController()
    const reason = new Error('user pressed ^C')
    const kit = createPluginTestKit({ plugins: [definePlugin({ name: 'compose-plugin-stopper', hooks: { 'plan:create': () => controller.abort(reason) } })] })
    const project = await kit.load(TWO)
    try {
      await expect(project.up({ signal: controller.signal })).rejects.toBe(reason)
    } finally {
      expect(kit.fake?.containers.size).toBe(0)
      await kit.close()
    }
  })

  it('handlers receive the command’s signal', async () => {
    const signals: AbortSignal[] = []
    const controller = new AbortController()
    const kit = createPluginTestKit({ plugins: [definePlugin({ name: 'compose-plugin-spy', hooks: { 'plan:prepare': (ctx) => void signals.push(ctx.signal) } })] })
    await (await kit.load(TWO)).up({ signal: controller.signal })
    expect(signals).toEqual([controller.signal])
    await kit.close()
  })

  it('a handler that never settles is reported by name, hook and time', async () => {
    const events: ComposeEvent[] = []
    const host = new PluginHost<ComposeHooks>(HOOK_KINDS, [definePlugin({ name: 'compose-plugin-slow', hooks: { 'project:up': () => new Promise((r) => setTimeout(r, 80)) } })], { emit: (e) => events.push(e), hangAfterMs: 20 })
    await host.call('project:up', new AbortController().signal, { project: 'p', command: 'up', plan: new Plan() })
    expect(events).toEqual([{ type: 'warning', source: 'compose-plugin-slow', message: 'plugin "compose-plugin-slow" hook "project:up" has not settled after 20 ms' }])
  })
})

function causes(error: unknown): unknown[] {
  const out: unknown[] = []
  for (let e = error; e !== undefined && out.length < 10; e = e instanceof Error ? e.cause : undefined) out.push(e)
  return out
}
