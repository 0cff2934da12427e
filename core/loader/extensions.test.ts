import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { HOOK_KINDS, type ComposePlugin } from '../hooks.ts'
import { PluginHost } from '../plugin/host.ts'
import { loadProject } from './index.ts'

const traefik: ComposePlugin = {
  name: 'compose-plugin-traefik',
  extensions: { 'x-traefik': { on: 'services', schema: v.strictObject({ host: v.string(), port: v.optional(v.number()) }) } },
}

function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-ext-'))
  writeFileSync(join(dir, 'compose.yaml'), yaml)
  return dir
}

const load = (cwd: string, plugins: ComposePlugin[]) => loadProject({ cwd, env: {}, host: new PluginHost(HOOK_KINDS, plugins), projectName: 'ext' })

describe('x- extension schemas from plugins', () => {
  it('accepts values that match the schema', async () => {
    const dir = project('services:\n  web:\n    image: busybox\n    x-traefik:\n      host: app.localhost\n      port: 8080\n')
    const result = await load(dir, [traefik])
    expect(result.project.services.web?.['x-traefik']).toEqual({ host: 'app.localhost', port: 8080 })
  })

  it('reports a bad value with file:line:col, the key path and the plugin', async () => {
    const dir = project('services:\n  web:\n    image: busybox\n    x-traefik:\n      host: app.localhost\n      port: eighty\n')
    const error = await load(dir, [traefik]).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SCHEMA_INVALID' })
    expect((error as Error).message).toContain(`${join(dir, 'compose.yaml')}:6:7`)
    expect((error as Error).message).toContain('services.web.x-traefik.port')
    expect((error as Error).message).toContain('extension of plugin "compose-plugin-traefik"')
  })

  it('leaves extensions alone when no plugin declares them', async () => {
    const dir = project('services:\n  web:\n    image: busybox\n    x-traefik: whatever\n')
    await expect(load(dir, [])).resolves.toMatchObject({ name: 'ext' })
  })
})
