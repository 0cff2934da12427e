import { describe, expect, it } from 'vitest'
import { ComposeError } from '../errors.ts'
import type { ComposeEvent } from '../events.ts'
import { PluginHost, resolvePlugins } from './host.ts'
import type { HookContext, HookKind, Plugin } from './types.ts'

interface TestHooks {
  'seq:run'(ctx: HookContext, log: string[]): void | Promise<void>
  'first:get'(ctx: HookContext, key: string): string | undefined | Promise<string | undefined>
  'par:notify'(ctx: HookContext, log: string[]): void | Promise<void>
}
const KINDS: { [K in keyof TestHooks]: HookKind } = { 'seq:run': 'sequential', 'first:get': 'first', 'par:notify': 'parallel' }
const never = new AbortController().signal

function tagger(name: string, extra: Partial<Plugin<TestHooks>> = {}): Plugin<TestHooks> {
  return { name, hooks: { 'seq:run': (_ctx, log) => void log.push(name) }, ...extra }
}

describe('PluginHost', () => {
  it('orders handlers by enforce tier, then per-hook order, then registration', async () => {
    const host = new PluginHost(KINDS, [
      tagger('a'),
      tagger('post', { enforce: 'post' }),
      { name: 'order-pre', hooks: { 'seq:run': { order: 'pre', handler: (_c, log) => void log.push('order-pre') } } },
      tagger('pre', { enforce: 'pre' }),
      tagger('b'),
    ])
    const log: string[] = []
    await host.call('seq:run', never, log)
    expect(log).toEqual(['pre', 'order-pre', 'a', 'b', 'post'])
    expect(host.order('seq:run')).toEqual(log)
  })

  it('sequential handlers see what the previous one did', async () => {
    const host = new PluginHost<TestHooks>(KINDS, [
      { name: 'one', hooks: { 'seq:run': async (_c, log) => { await Promise.resolve(); log.push('1') } } },
      { name: 'two', hooks: { 'seq:run': (_c, log) => void log.push(`after ${log.join()}`) } },
    ])
    const log: string[] = []
    await host.call('seq:run', never, log)
    expect(log).toEqual(['1', 'after 1'])
  })

  it('first hooks stop at the first defined value', async () => {
    const calls: string[] = []
    const host = new PluginHost<TestHooks>(KINDS, [
      { name: 'none', hooks: { 'first:get': () => void calls.push('none') } },
      { name: 'hit', hooks: { 'first:get': (_c, key) => { calls.push('hit'); return `v-${key}` } } },
      { name: 'late', hooks: { 'first:get': () => { calls.push('late'); return 'late' } } },
    ])
    expect(await host.call('first:get', never, 'k')).toBe('v-k')
    expect(calls).toEqual(['none', 'hit'])
  })

  it('wraps a throw as PLUGIN_ERROR naming plugin and hook, keeping the cause', async () => {
    const boom = new ComposeError('LOAD_YAML', 'bad yaml')
    const host = new PluginHost<TestHooks>(KINDS, [{ name: 'bad', hooks: { 'seq:run': () => { throw boom } } }])
    const error = await host.call('seq:run', never, []).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ComposeError)
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'bad', hook: 'seq:run', cause: boom })
    expect((error as Error).message).toContain('[LOAD_YAML]')
  })

  it('parallel hooks run all handlers and turn failures into error events', async () => {
    const events: ComposeEvent[] = []
    const host = new PluginHost<TestHooks>(
      KINDS,
      [
        { name: 'fails', hooks: { 'par:notify': () => Promise.reject(new Error('nope')) } },
        { name: 'works', hooks: { 'par:notify': (_c, log) => void log.push('works') } },
      ],
      { emit: (e) => events.push(e) },
    )
    const log: string[] = []
    await host.call('par:notify', never, log)
    expect(log).toEqual(['works'])
    expect(events).toEqual([expect.objectContaining({ type: 'error', source: 'fails' })])
  })

  it('stops a sequential hook once the signal is aborted and hands the signal to handlers', async () => {
    const controller = new AbortController()
    const seen: boolean[] = []
    const host = new PluginHost<TestHooks>(KINDS, [
      { name: 'aborts', hooks: { 'seq:run': (ctx) => { controller.abort(new Error('stop')); seen.push(ctx.signal.aborted) } } },
      { name: 'never', hooks: { 'seq:run': (_c, log) => void log.push('never') } },
    ])
    const log: string[] = []
    await expect(host.call('seq:run', controller.signal, log)).rejects.toThrow('stop')
    expect(seen).toEqual([true])
    expect(log).toEqual([])
  })

  it('reports handlers that never settle', async () => {
    const events: ComposeEvent[] = []
    const host = new PluginHost<TestHooks>(KINDS, [{ name: 'slow', hooks: { 'seq:run': () => new Promise((r) => setTimeout(r, 60)) } }], {
      emit: (e) => events.push(e),
      hangAfterMs: 10,
    })
    await host.call('seq:run', never, [])
    expect(events[0]).toMatchObject({ type: 'warning', source: 'slow' })
  })

  it('refuses unknown hooks with the list of known ones', () => {
    const bad = { name: 'typo', hooks: { 'seq:rnu': () => {} } } as unknown as Plugin<TestHooks>
    expect(() => new PluginHost(KINDS, [bad])).toThrow(/unknown hook "seq:rnu"/)
  })
})

describe('resolvePlugins', () => {
  it('flattens, awaits, drops falsy values and duplicates', async () => {
    const a = tagger('a')
    const list = await resolvePlugins<TestHooks>([a, false, null, [tagger('b'), Promise.resolve(tagger('c'))], undefined, tagger('a')])
    expect(list.map((p) => p.name)).toEqual(['a', 'b', 'c'])
  })

  it('refuses a plugin without a name', async () => {
    await expect(resolvePlugins<TestHooks>([{} as Plugin<TestHooks>])).rejects.toMatchObject({ code: 'PLUGIN_INVALID' })
  })
})
