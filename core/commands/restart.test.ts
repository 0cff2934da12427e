import { describe, expect, it } from 'vitest'
import { buildGraph } from '../graph/graph.ts'
import type { Project, ServiceConfig } from '../model/project.ts'
import { withRestartDependents } from './restart.ts'
import { projectOf } from './_project-fixture.ts'

function project(services: Record<string, Partial<ServiceConfig>>): Project {
  return projectOf('p', services, { defaults: { image: 'busybox' } })
}

const dep = (restart: boolean) => ({ condition: 'service_started' as const, required: true, restart })

describe('restart', () => {
  it('takes along, transitively, the dependents that declared restart: true', () => {
    const graph = buildGraph(
      project({
        db: {},
        api: { depends_on: { db: dep(true) } },
        worker: { depends_on: { api: dep(true) } },
        web: { depends_on: { db: dep(false) } },
      }),
    )
    expect(withRestartDependents(graph, ['db']).sort()).toEqual(['api', 'db', 'worker'])
    expect(withRestartDependents(graph, ['api']).sort()).toEqual(['api', 'worker'])
    expect(withRestartDependents(graph, ['web'])).toEqual(['web'])
  })
})
