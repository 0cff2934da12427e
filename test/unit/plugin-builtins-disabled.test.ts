/**
 * Each built-in plugin switched off on its own changes exactly what it should (docs/plugins.md,
 * "Disabling built-ins"). Health runs against the real engine: waiting is what it is about.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCompose } from '../../adapters/lib/index.ts'
import { createPluginTestKit } from '../../plugins/_testing/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'compose-builtins-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('builtins: { env: false }', () => {
  writeFileSync(join(dir, '.env'), 'TAG=1.36\nGREETING=hi\n')
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: busybox:${TAG}\n    environment:\n      G: ${GREETING}\n      PLAIN: x\n')
  const load = async (env: boolean) => (await createCompose({ cwd: dir, env: {}, configFile: false, builtins: { env } }).load({ projectName: 'builtins-env' })).project

  it('with env: .env is read and ${VAR} interpolated', async () => {
    const app = (await load(true)).services.app
    expect(app?.image).toBe('busybox:1.36')
    expect(app?.environment).toEqual({ G: 'hi', PLAIN: 'x' })
  })

  it('without env: ${VAR} stays literal and .env is ignored; nothing else changes', async () => {
    const project = await load(false)
    expect(project.services.app?.image).toBe('busybox:${TAG}')
    expect(project.services.app?.environment).toEqual({ G: '${GREETING}', PLAIN: 'x' })
    expect(project.environment?.TAG).toBeUndefined()
  })
})

describe('builtins: { scale: false }', () => {
  const yaml = 'services:\n  w:\n    image: busybox\n    deploy: { replicas: 3 }\n'
  const count = async (scale: boolean): Promise<{ containers: number; warnings: string[] }> => {
    const kit = createPluginTestKit({ builtins: { scale } })
    await (await kit.load(yaml)).up()
    const containers = kit.fake?.containers.size ?? 0
    await kit.close()
    return { containers, warnings: kit.warnings() }
  }

  it('with scale: deploy.replicas is honoured', async () => {
    expect((await count(true)).containers).toBe(3)
  })

  it('without scale: deploy.replicas is ignored (one container per service)', async () => {
    expect((await count(false)).containers).toBe(1)
  })

  it('without scale: --scale is ignored with a warning', async () => {
    const kit = createPluginTestKit({ builtins: { scale: false } })
    await (await kit.load(yaml)).up({ scale: { w: 2 } })
    expect(kit.fake?.containers.size).toBe(1)
    expect(kit.warnings()).toContain('--scale ignored: no plugin sets replica counts (is compose:scale disabled?)')
    await kit.close()
  })

  // Not only `--scale`: a `deploy.replicas`/`scale:` the core ignores because no plugin handles
  // `plan:prepare` is warned about too.
  it('without scale: deploy.replicas ignored WITH a warning', async () => {
    expect((await count(false)).warnings.some((w) => w.includes('replicas'))).toBe(true)
  })
})

describe('builtins: { health: false } (real engine)', () => {
  const yaml = `
services:
  db:
    image: busybox:latest
    command: ["sleep", "600"]
    healthcheck: { test: ["CMD", "false"], interval: 1s, timeout: 1s, retries: 1 }
  web:
    image: busybox:latest
    command: ["sleep", "600"]
    depends_on: { db: { condition: service_healthy } }
`
  const states = async (kit: ReturnType<typeof createPluginTestKit>, project: string): Promise<Record<string, string>> => {
    const filters = JSON.stringify({ label: [`com.docker.compose.project=${project}`] })
    const list = await (await kit.load('services: {}\n', { projectName: `${project}-probe` })).client.json<{ Names: string[]; State: string }[]>({ method: 'GET', path: '/containers/json', query: { all: true, filters } })
    return Object.fromEntries(list.map((c) => [(c.Names[0] ?? '').slice(project.length + 2), c.State]))
  }

  it('with health: up waits for db, which turns unhealthy, so web is never started', async () => {
    const kit = createPluginTestKit({ builtins: { health: true }, engine: 'real', env: { ...process.env }, prefix: 'plg-health' })
    try {
      const project = await kit.load(yaml)
      const error = await project.up().catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'PLUGIN_ERROR' })
      expect((error as Error).message).toMatch(/plugin "compose:health" failed in hook "service:ready" \[CONVERGE_DEPENDENCY_FAILED\]: .*unhealthy/)
      const s = await states(kit, project.name)
      expect(s['db-1']).toBe('running')
      expect(s['web-1']).not.toBe('running')
    } finally {
      await kit.close()
    }
  }, 60_000)

  it('without health: service_healthy is not waited for, the healthcheck is not sent, and a warning says so', async () => {
    const kit = createPluginTestKit({ builtins: { health: false }, engine: 'real', env: { ...process.env }, prefix: 'plg-nohealth' })
    try {
      const project = await kit.load(yaml)
      const started = Date.now()
      await project.up()
      expect(Date.now() - started).toBeLessThan(15_000)
      const s = await states(kit, project.name)
      expect(s).toMatchObject({ 'db-1': 'running', 'web-1': 'running' })
      const db = await project.client.json<{ Config: { Healthcheck?: unknown } }>({ method: 'GET', path: `/containers/${project.name}-db-1/json` })
      expect(db.Config.Healthcheck).toBeUndefined()
      expect(kit.warnings()).toContain('service "db": healthcheck ignored (no plugin translated it; is compose:health disabled?)')
    } finally {
      await kit.close()
    }
  }, 60_000)
})
