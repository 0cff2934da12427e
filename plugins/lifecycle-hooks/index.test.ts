import { describe, expect, it } from 'vitest'
import { HOOK_KINDS } from '../../core/hooks.ts'
import { hookEnvironment, lifecycleHooksPlugin } from './index.ts'

describe('compose:lifecycle-hooks', () => {
  it('gives the hook the service environment overridden by its own; unresolved keys are dropped', () => {
    expect(hookEnvironment({ A: '1', B: '2', U: null }, { B: 'hook', C: '3' })).toEqual(['A=1', 'B=hook', 'C=3'])
    expect(hookEnvironment(undefined, undefined)).toEqual([])
  })

  it('runs on the sequential start/stop hooks, so up waits for post_start', () => {
    const plugin = lifecycleHooksPlugin()
    expect(plugin.name).toBe('compose:lifecycle-hooks')
    expect(Object.keys(plugin.hooks ?? {}).sort()).toEqual(['container:start', 'container:stop'])
    expect(HOOK_KINDS['container:start']).toBe('sequential')
    expect(HOOK_KINDS['container:stop']).toBe('sequential')
  })
})
