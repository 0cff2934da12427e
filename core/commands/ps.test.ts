import { describe, expect, it } from 'vitest'
import type { Project } from '../model/project.ts'
import { fakeEngine, serviceContainer } from './_fake-engine.ts'
import { exitCodeFromStatus, healthFromStatus, parsePsFilter, ps } from './ps.ts'

const project = { name: 'proj', services: { web: { name: 'web' }, db: { name: 'db' } }, networks: {}, volumes: {}, secrets: {}, configs: {} } as unknown as Project

const containers = [
  serviceContainer('proj', 'web', 1, { Status: 'Up 2 minutes (healthy)', Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { PrivatePort: 22, Type: 'tcp' }] }),
  serviceContainer('proj', 'db', 1, { State: 'exited', Status: 'Exited (137) 3 seconds ago' }),
  serviceContainer('proj', 'old', 1),
  { ...serviceContainer('proj', 'web', 0, {}, { 'com.docker.compose.oneoff': 'True' }), Names: ['/proj-web-run-1234'] },
  serviceContainer('other', 'web', 1),
]

describe('ps', () => {
  it('lists the running containers of the project by label, sorted by name, orphans included', async () => {
    const { client, transport } = fakeEngine(containers)
    const list = await ps(client, project)
    expect(list.map((c) => c.Name)).toEqual(['proj-old-1', 'proj-web-1'])
    const filters = JSON.parse(new URL(`http://x${transport.requests[0]?.fullPath}`).searchParams.get('filters') ?? '')
    expect(filters.label).toEqual(['com.docker.compose.project=proj', 'com.docker.compose.config-hash', 'com.docker.compose.oneoff=False'])
  })

  it('-a adds stopped and one-off containers; --orphans=false keeps declared services', async () => {
    const { client } = fakeEngine(containers)
    expect((await ps(client, project, { all: true })).map((c) => c.Name)).toEqual(['proj-db-1', 'proj-old-1', 'proj-web-1', 'proj-web-run-1234'])
    expect((await ps(client, project, { all: true, orphans: false })).map((c) => c.Name)).toEqual(['proj-db-1', 'proj-web-1', 'proj-web-run-1234'])
  })

  it('--status implies -a; services narrow; unknown services and states fail', async () => {
    const { client } = fakeEngine(containers)
    expect((await ps(client, project, { status: ['exited'] })).map((c) => c.Name)).toEqual(['proj-db-1'])
    expect((await ps(client, project, { services: ['web'] })).map((c) => c.Name)).toEqual(['proj-web-1'])
    await expect(ps(client, project, { services: ['nope'] })).rejects.toMatchObject({ code: 'GRAPH_NO_SUCH_SERVICE' })
    await expect(ps(client, project, { status: ['sleeping'] })).rejects.toMatchObject({ code: 'QUERY_INVALID' })
  })

  it('works from the project name alone', async () => {
    const { client } = fakeEngine(containers)
    expect((await ps(client, 'PROJ', { all: true })).map((c) => c.Service)).toEqual(['db', 'old', 'web', 'web'])
  })

  it('reads health, exit code and publishers from the list', async () => {
    const { client } = fakeEngine(containers)
    const [db, , web] = await ps(client, project, { all: true })
    expect(web).toMatchObject({ Health: 'healthy', ExitCode: 0, Project: 'proj', Service: 'web' })
    expect(web?.Publishers).toEqual([
      { URL: '', TargetPort: 22, PublishedPort: 0, Protocol: 'tcp' },
      { URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' },
    ])
    expect(db).toMatchObject({ Health: '', ExitCode: 137, State: 'exited' })
    expect(healthFromStatus('Up 1 second (health: starting)')).toBe('starting')
    expect(healthFromStatus('Up 1 second (unhealthy)')).toBe('unhealthy')
    expect(exitCodeFromStatus('Exited (0) 1 second ago')).toBe(0)
  })

  it('--filter status=X and only that key', () => {
    expect(parsePsFilter('status=running')).toEqual(['running'])
    expect(parsePsFilter(undefined)).toEqual([])
    expect(() => parsePsFilter('status')).toThrow(/KEY=VAL/)
    expect(() => parsePsFilter('name=x')).toThrow(/unknown filter name/)
  })
})
