import { describe, expect, it } from 'vitest'
import { PluginHost } from '../../core/plugin/host.ts'
import { HOOK_KINDS } from '../../core/hooks.ts'
import type { ContainerCreateDraft, ReadyRequest } from '../../core/converge/hook-types.ts'
import { EngineClient } from '../../core/engine/client.ts'
import type { EngineRequest, Transport } from '../../core/engine/transport.ts'
import type { Project, ServiceConfig } from '../../core/model/project.ts'
import { healthPlugin, toHealthConfig } from './index.ts'

const project: Project = { name: 'p', services: {}, networks: {}, volumes: {}, secrets: {}, configs: {} }

/** A client whose inspect answers come from a list of states, one per call. */
function fakeClient(states: object[]): EngineClient {
  let i = 0
  const transport = {
    address: 'fake',
    async request(req: EngineRequest & { fullPath: string }) {
      const state = states[Math.min(i++, states.length - 1)]
      const text = JSON.stringify({ Name: '/p-db-1', State: state })
      const bytes = new TextEncoder().encode(text)
      return { method: req.method, path: req.path, status: 200, headers: {}, body: (async function* () { yield bytes })(), bytes: async () => bytes, text: async () => text, dump: async () => {} }
    },
    hijack() {
      throw new Error('no')
    },
    async close() {},
  } as unknown as Transport
  return new EngineClient({ transport, apiVersion: '1.41' })
}

async function ready(condition: ReadyRequest['condition'], states: object[]): Promise<unknown> {
  const host = new PluginHost(HOOK_KINDS, [healthPlugin({ interval: 1 })])
  return host.call('service:ready', new AbortController().signal, { client: fakeClient(states), project, service: 'db', condition, containers: ['c1'] })
}

describe('compose:health', () => {
  it('translates healthcheck into nanoseconds, NONE when disabled', () => {
    expect(toHealthConfig({ test: ['CMD', 'true'], interval: '1s', timeout: '500ms', retries: 3, start_period: '1m0s' }, () => {})).toEqual({ Test: ['CMD', 'true'], Interval: 1e9, Timeout: 5e8, Retries: 3, StartPeriod: 6e10 })
    expect(toHealthConfig({ disable: true, test: ['CMD', 'x'] }, () => {})).toEqual({ Test: ['NONE'] })
    expect(() => toHealthConfig({ test: ['CMD', 'true'], start_interval: '1s' }, () => {})).toThrow('healthcheck.start_interval requires healthcheck.start_period to be set')
    const warnings: string[] = []
    expect(toHealthConfig({ test: ['CMD', 'true'], start_interval: '1s', start_period: '5s' }, (m) => warnings.push(m))).toEqual({ Test: ['CMD', 'true'], StartPeriod: 5e9 })
    expect(warnings).toEqual(['healthcheck.start_interval needs Engine API 1.44; ignored'])
  })

  it('sets the create body through container:create', async () => {
    const service: ServiceConfig = { name: 'db', image: 'x', healthcheck: { test: ['CMD-SHELL', 'true'] } }
    const draft: ContainerCreateDraft = { project, service, number: 1, spec: { name: 'p-db-1', body: {}, extraNetworks: [], files: [], warnings: [] } }
    await new PluginHost(HOOK_KINDS, [healthPlugin()]).call('container:create', new AbortController().signal, draft)
    expect(draft.spec.body.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'] })
  })

  it('waits for healthy, fails on unhealthy, missing healthcheck and exits', async () => {
    const running = (health?: string) => ({ Status: 'running', Running: true, ExitCode: 0, ...(health ? { Health: { Status: health } } : {}) })
    expect(await ready('service_healthy', [running('starting'), running('healthy')])).toBe(true)
    await expect(ready('service_healthy', [running('unhealthy')])).rejects.toThrow(/is unhealthy/)
    await expect(ready('service_healthy', [running()])).rejects.toThrow(/has no healthcheck configured/)
    await expect(ready('service_healthy', [{ Status: 'exited', Running: false, ExitCode: 3 }])).rejects.toThrow(/exited \(3\)/)
    expect(await ready('running_or_healthy', [running()])).toBe(true)
  })

  it('waits for completion and reports a non-zero exit', async () => {
    expect(await ready('service_completed_successfully', [{ Status: 'running', Running: true, ExitCode: 0 }, { Status: 'exited', Running: false, ExitCode: 0 }])).toBe(true)
    await expect(ready('service_completed_successfully', [{ Status: 'exited', Running: false, ExitCode: 2 }])).rejects.toThrow(/didn't complete successfully: exit 2/)
  })
})
