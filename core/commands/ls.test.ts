import { describe, expect, it } from 'vitest'
import { fakeEngine, serviceContainer } from './_fake-engine.ts'
import { combinedStatus, ls, toProjectSummaries } from './ls.ts'

const files = (f: string): Record<string, string> => ({ 'com.docker.compose.project.config_files': f })

describe('ls', () => {
  it('summarises states as docker compose: counts per state, states sorted', () => {
    expect(combinedStatus(['running', 'exited', 'running'])).toBe('exited(1), running(2)')
    expect(combinedStatus(['running'])).toBe('running(1)')
    expect(combinedStatus([])).toBe('')
  })

  it('groups containers by project label, merges config files, N/A when a label is missing', () => {
    const warnings: string[] = []
    const stacks = toProjectSummaries(
      [
        serviceContainer('b', 'web', 1, {}, files('/b/compose.yaml')),
        serviceContainer('a', 'web', 1, {}, files('/a/compose.yaml,/a/override.yaml')),
        serviceContainer('a', 'db', 1, { State: 'exited' }, files('/a/compose.yaml')),
        serviceContainer('c', 'web', 1),
      ],
      { emit: (e) => warnings.push(e.type) },
    )
    expect(stacks).toEqual([
      { Name: 'a', Status: 'exited(1), running(1)', ConfigFiles: '/a/compose.yaml,/a/override.yaml' },
      { Name: 'b', Status: 'running(1)', ConfigFiles: '/b/compose.yaml' },
      { Name: 'c', Status: 'running(1)', ConfigFiles: 'N/A' },
    ])
    expect(warnings).toEqual(['warning'])
  })

  it('lists running projects, all with -a, and filters by name (exact or regexp)', async () => {
    const { client } = fakeEngine([
      serviceContainer('shop', 'web', 1, {}, files('/shop/compose.yaml')),
      serviceContainer('shop', 'db', 1, { State: 'exited' }, files('/shop/compose.yaml')),
      serviceContainer('blog', 'web', 1, { State: 'exited' }, files('/blog/compose.yaml')),
    ])
    expect((await ls(client)).map((s) => `${s.Name} ${s.Status}`)).toEqual(['shop running(1)'])
    expect((await ls(client, { all: true })).map((s) => `${s.Name} ${s.Status}`)).toEqual(['blog exited(1)', 'shop exited(1), running(1)'])
    expect((await ls(client, { all: true, filter: { name: ['^bl'] } })).map((s) => s.Name)).toEqual(['blog'])
    expect((await ls(client, { all: true, filter: { name: ['shop'] } })).map((s) => s.Name)).toEqual(['shop'])
    await expect(ls(client, { filter: { status: ['x'] } })).rejects.toMatchObject({ code: 'QUERY_INVALID' })
  })
})
