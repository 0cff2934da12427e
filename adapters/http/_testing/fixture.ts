/**
 * A test set-up for the HTTP app: a temporary root holding a project directory, a directory
 * outside the root with a symlink pointing at it, a fake engine that knows two labelled
 * projects (one inside the root, one outside), the fake ComposeApi and a token.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { FakeTransport } from '../../../core/engine/_fake-transport.ts'
import { EngineClient } from '../../../core/engine/client.ts'
import { createHttpApp, type HttpAppOptions } from '../app.ts'
import { createFakeApi, type FakeApi } from './fake-api.ts'

export const TOKEN = 'test-token-0123456789abcdef-0123456789'
export const PORT = 8123
export const HOST = `localhost:${PORT}`

export interface Fixture {
  dir: string
  root: string
  outside: string
  app: Hono
  api: FakeApi
  transport: FakeTransport
  /** app.request with Host and token set (override with `headers`). */
  call(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>
  cleanup(): void
}

function container(project: string, workingDir: string, state: string): Record<string, unknown> {
  return {
    Id: `${project}-${state}`,
    Names: [`/${project}-web-1`],
    State: state,
    Labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.project.working_dir': workingDir,
      'com.docker.compose.project.config_files': join(workingDir, 'compose.yaml'),
    },
  }
}

export function createFixture(overrides: Partial<HttpAppOptions> = {}): Fixture {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'compose-http-')))
  const root = join(dir, 'root')
  const outside = join(dir, 'outside')
  for (const d of [join(root, 'demo'), join(root, 'apps', 'web'), outside]) mkdirSync(d, { recursive: true })
  writeFileSync(join(root, 'demo', 'compose.yaml'), 'services:\n  web:\n    image: busybox\n')
  writeFileSync(join(root, 'demo', 'compose.override.yaml'), 'services: {}\n')
  writeFileSync(join(root, 'apps', 'web', 'docker-compose.yml'), 'services:\n  web:\n    image: busybox\n')
  writeFileSync(join(outside, 'compose.yaml'), 'services:\n  evil:\n    image: busybox\n')
  symlinkSync(outside, join(root, 'escape'))
  symlinkSync(join(outside, 'compose.yaml'), join(root, 'apps', 'linked.yaml'))
  const transport = new FakeTransport((req) => {
    if (req.path === '/containers/json') {
      const filters = JSON.parse(String(req.query?.filters ?? '{}')) as { label?: string[] }
      const all = [container('demo', join(root, 'demo'), 'running'), container('demo', join(root, 'demo'), 'exited'), container('outsider', outside, 'running')]
      const label = filters.label?.[0] ?? ''
      const eq = label.indexOf('=')
      const list = eq < 0 ? all : all.filter((c) => (c.Labels as Record<string, string>)['com.docker.compose.project'] === label.slice(eq + 1))
      return { body: JSON.stringify(list) }
    }
    return { status: 404, body: { message: 'not here' } }
  })
  const api = createFakeApi()
  const app = createHttpApp({
    token: TOKEN,
    port: PORT,
    roots: [root],
    engine: () => new EngineClient({ transport, apiVersion: '1.41' }),
    api,
    ...overrides,
  })
  return {
    dir,
    root,
    outside,
    app,
    api,
    transport,
    call(path, init = {}) {
      const headers = new Headers(init.headers)
      if (!headers.has('host')) headers.set('host', HOST)
      if (init.auth !== false && !headers.has('authorization')) headers.set('authorization', `Bearer ${TOKEN}`)
      return Promise.resolve(app.request(path, { ...init, headers }))
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A JSON POST init. */
export function post(body: unknown = {}, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }
}
