import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineClient } from '../../core/engine/client.ts'
import { definePlugin } from '../../core/hooks.ts'
import type { ProjectRef } from './api.ts'
import { createDefaultApi } from './default-api.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function project(files: Record<string, string>): ProjectRef {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'compose-default-api-')))
  dirs.push(root)
  const dir = join(root, 'web')
  mkdirSync(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return { ref: 'dir:web', name: undefined, root, workingDir: dir, files: [join(dir, 'compose.yaml')] }
}

const engine = (): EngineClient => new EngineClient({ env: { DOCKER_HOST: 'unix:///nonexistent.sock' } })
const signal = new AbortController().signal

describe('createDefaultApi', () => {
  it('loads exactly the given files, never the compose.config.* of the project, and names the project from its directory', async () => {
    const ref = project({
      'compose.yaml': 'services:\n  web:\n    image: busybox\n    environment:\n      FROM_ENV: ${GREETING}\n',
      'compose.override.yaml': 'services:\n  extra:\n    image: busybox\n',
      'compose.config.mjs': 'throw new Error("the project config file ran")\n',
    })
    const api = createDefaultApi({ engine, env: { GREETING: 'hi', COMPOSE_PROJECT_NAME: 'everything', COMPOSE_FILE: 'other.yaml' } })
    const config = (await api.config(ref, {}, signal)) as { name: string; services: Record<string, { environment: Record<string, string> }> }
    expect(config.name).toBe('web')
    expect(Object.keys(config.services)).toEqual(['web'])
    expect(config.services.web?.environment).toEqual({ FROM_ENV: 'hi' })
  })

  it('uses the name of a project found by its labels', async () => {
    const ref = { ...project({ 'compose.yaml': 'services:\n  web:\n    image: busybox\n' }), name: 'labelled' }
    const config = await createDefaultApi({ engine, env: {} }).config(ref, {}, signal)
    expect(config.name).toBe('labelled')
  })

  it('runs the plugins fixed at start', async () => {
    const ref = project({ 'compose.yaml': 'services:\n  web:\n    image: busybox\n' })
    const seen: string[] = []
    const plugin = definePlugin({ name: 'compose-plugin-spy', hooks: { 'load:resolved': (_ctx, project) => void seen.push(project.name) } })
    await createDefaultApi({ engine, env: {}, plugins: [plugin] }).config(ref, {}, signal)
    expect(seen).toEqual(['web'])
  })

  it('reports a load error as the typed error', async () => {
    const ref = project({ 'compose.yaml': 'services:\n  web:\n    image: [\n' })
    await expect(createDefaultApi({ engine, env: {} }).config(ref, {}, signal)).rejects.toMatchObject({ code: expect.stringMatching(/^LOAD_/) })
  })
})
