import { describe, expect, it } from 'vitest'
import { FakeTransport } from '../../core/engine/_fake-transport.ts'
import { EngineClient } from '../../core/engine/client.ts'
import { combinedStatus, listProjectsFromEngine } from './list-projects.ts'

describe('combinedStatus', () => {
  it('counts states, sorted by name', () => {
    expect(combinedStatus(['running', 'exited', 'running'])).toBe('exited(1), running(2)')
    expect(combinedStatus([])).toBe('')
  })
})

describe('listProjectsFromEngine', () => {
  it('groups labelled containers by project', async () => {
    const c = (project: string, state: string, files: string): Record<string, unknown> => ({
      Id: `${project}${state}`,
      State: state,
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.project.config_files': files, 'com.docker.compose.project.working_dir': `/p/${project}` },
    })
    const transport = new FakeTransport(() => ({ body: JSON.stringify([c('b', 'running', '/p/b/compose.yaml'), c('a', 'exited', '/p/a/x.yaml,/p/a/y.yaml'), c('b', 'running', '/p/b/compose.yaml')]) }))
    const client = new EngineClient({ transport, apiVersion: '1.41' })
    const projects = await listProjectsFromEngine(client, { all: true }, new AbortController().signal)
    expect(projects).toEqual([
      { name: 'a', status: 'exited(1)', configFiles: ['/p/a/x.yaml', '/p/a/y.yaml'], workingDir: '/p/a' },
      { name: 'b', status: 'running(2)', configFiles: ['/p/b/compose.yaml'], workingDir: '/p/b' },
    ])
    expect(transport.requests[0]?.query).toMatchObject({ all: true, filters: '{"label":["com.docker.compose.project"]}' })
  })
})
