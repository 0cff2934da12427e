import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ComposeError } from '../../core/errors.ts'
import type { ProjectSummary } from './api.ts'
import { createProjectResolver } from './project-resolver.ts'
import { createFixture } from './_testing/fixture.ts'

const fx = createFixture()
afterAll(() => fx.cleanup())

const known: Record<string, ProjectSummary> = {
  demo: { name: 'demo', status: 'running(1)', configFiles: [join(fx.root, 'demo', 'compose.yaml')], workingDir: join(fx.root, 'demo') },
  outsider: { name: 'outsider', status: 'running(1)', configFiles: [join(fx.outside, 'compose.yaml')], workingDir: fx.outside },
  mixed: { name: 'mixed', status: 'running(1)', configFiles: [join(fx.root, 'demo', 'compose.yaml'), join(fx.outside, 'compose.yaml')], workingDir: join(fx.root, 'demo') },
  nolabels: { name: 'nolabels', status: 'running(1)', configFiles: [] },
}
const resolver = createProjectResolver({ roots: [fx.root], findProject: async (name) => known[name] })
const signal = new AbortController().signal

async function failure(raw: string): Promise<string | undefined> {
  try {
    await resolver.resolve(raw, signal)
  } catch (error) {
    return error instanceof ComposeError ? error.code : String(error)
  }
  return undefined
}

describe('project resolver', () => {
  it('resolves a name through its labels', async () => {
    expect(await resolver.resolve('demo', signal)).toEqual({ ref: 'demo', name: 'demo', root: fx.root, workingDir: join(fx.root, 'demo'), files: [join(fx.root, 'demo', 'compose.yaml')] })
  })
  it('resolves dir: references to the default files', async () => {
    const ref = await resolver.resolve('dir:apps/web', signal)
    expect(ref).toMatchObject({ name: undefined, workingDir: join(fx.root, 'apps', 'web'), files: [join(fx.root, 'apps', 'web', 'docker-compose.yml')] })
    expect((await resolver.resolve('dir:demo', signal)).files).toHaveLength(2)
  })
  it('refuses projects and files outside the roots with 403', async () => {
    expect(await failure('outsider')).toBe('HTTP_FORBIDDEN')
    expect(await failure('mixed')).toBe('HTTP_FORBIDDEN')
    expect(await failure('dir:escape')).toBe('HTTP_FORBIDDEN')
  })
  it('refuses traversal with 400 and unknown projects with 404', async () => {
    expect(await failure('dir:../outside')).toBe('HTTP_BAD_REQUEST')
    expect(await failure('dir:apps/../../outside')).toBe('HTTP_BAD_REQUEST')
    expect(await failure('ghost')).toBe('HTTP_NOT_FOUND')
    expect(await failure('nolabels')).toBe('HTTP_NOT_FOUND')
    expect(await failure('dir:nope')).toBe('HTTP_NOT_FOUND')
    expect(await failure('dir:apps/linked.yaml')).toBe('HTTP_NOT_FOUND')
  })
  it('shows only projects under the roots', async () => {
    expect(await resolver.isVisible(known.demo as ProjectSummary)).toBe(true)
    expect(await resolver.isVisible(known.outsider as ProjectSummary)).toBe(false)
    expect(await resolver.isVisible(known.nolabels as ProjectSummary)).toBe(false)
  })
})
