/** Helpers for lifecycle e2e tests: a client, a plugin host with the built-ins, hand-built projects, cleanup, eventually(). */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { EngineClient } from '../../../core/engine/client.ts'
import { listContainers, removeContainer } from '../../../core/engine/api/containers.ts'
import { listNetworks, removeNetwork } from '../../../core/engine/api/networks.ts'
import { listVolumes, removeVolume } from '../../../core/engine/api/volumes.ts'
import { HOOK_KINDS, type ComposeHooks } from '../../../core/hooks.ts'
import { PluginHost } from '../../../core/plugin/host.ts'
import type { RunContext } from '../../../core/converge/run-context.ts'
import type { ComposeEvent } from '../../../core/events.ts'
import type { Project, ServiceConfig } from '../../../core/model/project.ts'
import { healthPlugin } from '../../../plugins/health/index.ts'
import { scalePlugin } from '../../../plugins/scale/index.ts'

export const client = new EngineClient({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } })

/** Fails the suite loudly when no engine answers: end-to-end tests are never skipped. */
export async function engineUp(): Promise<boolean> {
  try {
    await client.apiVersion()
    return true
  } catch (error) {
    throw new Error(`the end-to-end suites need a Docker Engine (${String(error)}); start one with scripts/start-engine.sh`)
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(3).toString('hex')}`
}

export function makeProject(name: string, services: Record<string, Partial<ServiceConfig>>, extra: Partial<Project> = {}): Project {
  return {
    name,
    services: Object.fromEntries(Object.entries(services).map(([key, s]) => [key, { name: key, image: 'busybox:latest', command: ['sleep', '3600'], stop_grace_period: '1s', ...s }])),
    networks: { default: { name: `${name}_default` } },
    volumes: {},
    secrets: {},
    configs: {},
    workingDir: '/tmp',
    ...extra,
  }
}

export function context(events: ComposeEvent[] = []): RunContext {
  const hooks = new PluginHost<ComposeHooks>(HOOK_KINDS, [scalePlugin(), healthPlugin({ interval: 200 })])
  return { hooks, emit: (e) => events.push(e), labels: { configFiles: ['/tmp/compose.yaml'] } }
}

/** Removes everything labelled with the project (containers, networks, volumes). */
export async function cleanup(project: string): Promise<void> {
  const filters = { label: [`com.docker.compose.project=${project}`] }
  for (const c of await listContainers(client, { all: true, filters })) await removeContainer(client, c.Id, { force: true, volumes: true }).catch(() => undefined)
  for (const n of await listNetworks(client, { filters })) await removeNetwork(client, n.Id).catch(() => undefined)
  for (const v of (await listVolumes(client, { filters })).volumes) await removeVolume(client, v.Name, { force: true }).catch(() => undefined)
}

export async function projectContainers(project: string) {
  const list = await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${project}`] } })
  return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels })).sort((a, b) => (a.name < b.name ? -1 : 1))
}

export async function eventually<T>(fn: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await fn()
    if (check(value)) return value
    if (Date.now() > end) throw new Error(`eventually: condition not met; last value ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

export function inspect(name: string): Record<string, unknown> {
  const out = execFileSync('docker', ['inspect', name], { encoding: 'utf8' })
  return (JSON.parse(out) as Record<string, unknown>[])[0] ?? {}
}
