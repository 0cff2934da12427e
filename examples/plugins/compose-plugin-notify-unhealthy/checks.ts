/**
 * The plugin's checks, runtime-agnostic (vitest, bun:test and Deno.test run the same functions).
 * Notifications go to a node:http server on 127.0.0.1 (Bun and Deno implement node:http too).
 */
import { createServer, type Server } from 'node:http'
import { ok, strictEqual } from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { createEngineClient, EngineClient } from '../../../adapters/lib/index.ts'
import { createPluginTestKit, type ConformanceCheck } from '../../../plugins/_testing/index.ts'
import { notifyUnhealthyPlugin, type UnhealthyNotification } from './index.ts'

interface Receiver {
  url: string
  received: UnhealthyNotification[]
  next(timeoutMs: number): Promise<UnhealthyNotification>
  close(): Promise<void>
}

async function receiver(): Promise<Receiver> {
  const received: UnhealthyNotification[] = []
  const waiting: ((n: UnhealthyNotification) => void)[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Uint8Array) => (body += new TextDecoder().decode(c)))
    req.on('end', () => {
      const n = JSON.parse(body) as UnhealthyNotification
      received.push(n)
      waiting.shift()?.(n)
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    next: (ms) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no notification within ${ms} ms`)), ms)
        waiting.push((n) => {
          clearTimeout(timer)
          resolve(n)
        })
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

export function notifyUnhealthyChecks(env: Readonly<Record<string, string | undefined>>): ConformanceCheck[] {
  return [
    {
      name: 'notify-unhealthy: posts when a container turns unhealthy, stops watching on down',
      async run() {
        const hook = await receiver()
        const kit = createPluginTestKit({ builtins: { health: true } })
        const fake = kit.fake
        if (fake === undefined) throw new Error('fake engine expected')
        const engine = new EngineClient({ transport: fake })
        const watcher = createPluginTestKit({ engine: fake, builtins: { health: true }, plugins: [notifyUnhealthyPlugin({ url: hook.url, engine })] })
        try {
          const project = await watcher.load('services:\n  db:\n    image: busybox\n    healthcheck: { test: ["CMD", "true"] }\n  web:\n    image: busybox\n')
          await project.up()
          strictEqual(fake.subscribers, 1, 'subscribed once up returned')
          fake.setHealth(`${project.name}-db-1`, 'healthy')
          fake.setHealth(`${project.name}-db-1`, 'unhealthy')
          const n = await hook.next(5000)
          strictEqual(n.project, project.name)
          strictEqual(n.service, 'db')
          strictEqual(n.container, `${project.name}-db-1`)
          strictEqual(n.status, 'unhealthy')
          strictEqual(hook.received.length, 1, 'healthy is not reported by default')
          await project.down()
          await until(() => fake.subscribers === 0)
        } finally {
          await watcher.close()
          await kit.close()
          await engine.close()
          await hook.close()
        }
      },
    },
    {
      name: 'notify-unhealthy: an aborted signal ends the watch',
      async run() {
        const controller = new AbortController()
        const kit = createPluginTestKit()
        const fake = kit.fake
        if (fake === undefined) throw new Error('fake engine expected')
        const engine = new EngineClient({ transport: fake })
        const plugin = notifyUnhealthyPlugin({ url: 'http://127.0.0.1:9/never', engine, signal: controller.signal })
        const watcher = createPluginTestKit({ engine: fake, plugins: [plugin] })
        try {
          await (await watcher.load('services:\n  a:\n    image: busybox\n')).up()
          strictEqual(fake.subscribers, 1)
          controller.abort()
          await until(() => fake.subscribers === 0)
          await (await watcher.load('services:\n  b:\n    image: busybox\n')).up()
          strictEqual(fake.subscribers, 0, 'no new watch once aborted')
        } finally {
          await plugin.close()
          await watcher.close()
          await kit.close()
          await engine.close()
        }
      },
    },
    {
      name: 'notify-unhealthy: a real container that fails its healthcheck is reported',
      async run() {
        const hook = await receiver()
        const engine = createEngineClient({ env: { ...env } })
        const plugin = notifyUnhealthyPlugin({ url: hook.url, engine })
        const kit = createPluginTestKit({ plugins: [plugin], builtins: { health: true }, engine: 'real', env: { ...env }, prefix: 'plg-notify' })
        try {
          const project = await kit.load(
            'services:\n  sick:\n    image: busybox:latest\n    command: ["sleep", "600"]\n    healthcheck: { test: ["CMD", "false"], interval: 1s, timeout: 1s, retries: 1 }\n',
          )
          await project.up()
          const n = await hook.next(30_000)
          strictEqual(n.service, 'sick')
          strictEqual(n.status, 'unhealthy')
          ok(n.container.startsWith(`${project.name}-sick-`))
        } finally {
          await plugin.close()
          await kit.close()
          await engine.close()
          await hook.close()
        }
      },
    },
  ]
}
