import { describe, expect, it } from 'vitest'
import { buildGraph } from '../graph/graph.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { planContainers, type ContainerSteps } from './lifecycle-plan.ts'
import type { ObservedContainer } from './observe.ts'

const project = (services: Record<string, Partial<ServiceConfig>>): Project => ({
  name: 'p',
  services: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, { name, image: 'busybox', ...s }])),
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
})

const container = (service: string, state: ObservedContainer['state']): ObservedContainer => ({
  id: `${service}1`.padEnd(16, '0'),
  name: `p-${service}-1`,
  service,
  number: 1,
  oneoff: false,
  state,
  configHash: undefined,
  imageDigest: undefined,
  labels: {},
  networks: [],
  mounts: [],
  created: 0,
})

const startStopped: ContainerSteps = (c) => (c.state === 'running' ? [] : [{ op: { type: 'container:start', service: c.service, target: { id: c.id, name: c.name } }, cause: 'stopped' }])

describe('planContainers', () => {
  const healthy = project({ web: { depends_on: { db: { condition: 'service_healthy', required: true } } }, db: {} })

  it('with conditions, a start waits for its dependencies’ condition', () => {
    const { plan } = planContainers(buildGraph(healthy), [container('db', 'exited'), container('web', 'exited')], 'up', startStopped, undefined, { conditions: true })
    expect(plan.toString()).toMatch(/#1 container:p-db-1, container:start[\s\S]*\[1\] -> #2 service:db, service:wait, web depends on db \(service_healthy\)[\s\S]*\[2\] -> #3 container:p-web-1, container:start/)
  })

  it('orders only, without conditions, for service_started, or when the dependent has nothing to do', () => {
    const text = (p: Project, states: [ObservedContainer['state'], ObservedContainer['state']], conditions: boolean) =>
      planContainers(buildGraph(p), [container('db', states[0]), container('web', states[1])], 'up', startStopped, undefined, { conditions }).plan.toString()
    expect(text(healthy, ['exited', 'exited'], false)).not.toContain('service:wait')
    expect(text(project({ web: { depends_on: { db: { condition: 'service_started', required: true } } }, db: {} }), ['exited', 'exited'], true)).not.toContain('service:wait')
    expect(text(healthy, ['exited', 'running'], true)).not.toContain('service:wait')
  })
})
