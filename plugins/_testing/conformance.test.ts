import { describe, expect, it } from 'vitest'
import { definePlugin, type ComposePlugin } from '../../core/index.ts'
import { envPlugin } from '../env/index.ts'
import { healthPlugin } from '../health/index.ts'
import { lifecycleHooksPlugin } from '../lifecycle-hooks/index.ts'
import { scalePlugin } from '../scale/index.ts'
import { checkConformance, conformanceChecks, type PluginUnderTest } from './conformance.ts'

const builtins: PluginUnderTest[] = [envPlugin(), scalePlugin(), healthPlugin(), lifecycleHooksPlugin()]

describe('conformance of the built-ins', () => {
  for (const plugin of builtins) for (const check of conformanceChecks(plugin)) it(check.name, () => check.run(), 20_000)
})

describe('the conformance check catches', () => {
  const problems = async (plugin: ComposePlugin): Promise<string> => (await checkConformance(plugin, { abortTimeoutMs: 300, pipelineTimeoutMs: 500 })).map((f) => f.message).join('\n')

  it('a badly named plugin', async () => {
    expect(await problems({ name: 'my-plugin' })).toContain('must be compose:<feature>')
  })

  it('an unknown hook and a handler that is not a function', async () => {
    const bad = { name: 'compose-plugin-bad', hooks: { 'container:explode': () => {}, 'project:up': { handler: 42 } } } as unknown as ComposePlugin
    expect(await problems(bad)).toContain('unknown hook "container:explode"')
  })

  it('a plugin that throws on an empty project', async () => {
    const plugin = definePlugin({ name: 'compose-plugin-needy', hooks: { 'plan:prepare': (_c, d) => { if (d.services.length === 0) throw new Error('no services?') } } })
    expect(await problems(plugin)).toContain('no services?')
  })

  it('a handler that ignores the aborted signal and hangs, or fails with another error', async () => {
    const hang = definePlugin({ name: 'compose-plugin-hang', hooks: { 'project:up': () => new Promise(() => {}) } })
    expect(await problems(hang)).toContain('"project:up" did not settle')
    const other = definePlugin({ name: 'compose-plugin-other', hooks: { 'plan:create': (ctx) => { if (ctx.signal.aborted) throw new Error('whatever') } } })
    expect(await problems(other)).toContain('rejected with "whatever" instead of the abort')
  })

  it('an engine call that ignores the signal', async () => {
    const plugin = ({ engine }: { engine: import('../../core/index.ts').EngineClient }): ComposePlugin =>
      definePlugin({ name: 'compose-plugin-deaf', hooks: { 'project:up': async () => void (await engine.send({ method: 'GET', path: '/_ping', unversioned: true })) } })
    expect((await checkConformance(plugin)).map((f) => f.message).join('\n')).toContain('called GET /_ping ignoring the aborted signal')
  })
})
