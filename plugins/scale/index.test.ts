import { describe, expect, it } from 'vitest'
import { PluginHost } from '../../core/plugin/host.ts'
import { HOOK_KINDS } from '../../core/hooks.ts'
import type { DesiredState } from '../../core/converge/hook-types.ts'
import type { Project } from '../../core/model/project.ts'
import { scalePlugin } from './index.ts'

const project: Project = {
  name: 'p',
  services: { a: { name: 'a', image: 'x', deploy: { replicas: 3 } }, b: { name: 'b', image: 'x', scale: 2, deploy: { replicas: 5 } }, c: { name: 'c', image: 'x' } },
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
}

async function run(scale: Record<string, number>): Promise<Record<string, number>> {
  const desired: DesiredState = { project, services: ['a', 'b', 'c'], replicas: { a: 1, b: 1, c: 1 }, scale }
  await new PluginHost(HOOK_KINDS, [scalePlugin()]).call('plan:prepare', new AbortController().signal, desired)
  return desired.replicas
}

describe('compose:scale', () => {
  it('takes deploy.replicas, then scale:, then --scale', async () => {
    expect(await run({})).toEqual({ a: 3, b: 2, c: 1 })
    expect(await run({ c: 0, a: 4 })).toEqual({ a: 4, b: 2, c: 0 })
  })
  it('rejects --scale for an unknown service', async () => {
    await expect(run({ nope: 2 })).rejects.toThrow(/no such service: nope/)
  })
})
