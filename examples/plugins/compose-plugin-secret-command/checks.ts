/** The plugin's checks, runtime-agnostic (vitest, bun:test and Deno.test run the same functions). */
import { ok, rejects, strictEqual } from 'node:assert/strict'
import { createPluginTestKit, type ConformanceCheck } from '../../../plugins/_testing/index.ts'
import { secretCommandPlugin } from './index.ts'

const SECRET = 's3cr3t-value-7f1c'

const COMPOSE = `
services:
  db:
    image: busybox:latest
    command: ["sleep", "600"]
    stop_grace_period: 1s
    environment:
      PLAIN: visible
      DB_PASSWORD: placeholder
    x-secret-command:
      DB_PASSWORD: printf '%s\\n' "$SECRET_SOURCE"
      API_TOKEN: [echo, tok-42]
  web:
    image: busybox:latest
    command: ["sleep", "600"]
    stop_grace_period: 1s
`

const env = (body: Record<string, unknown> | undefined): string[] => (body?.Env ?? []) as string[]

export function secretCommandChecks(processEnv: Readonly<Record<string, string | undefined>>): ConformanceCheck[] {
  const commandEnv = { PATH: processEnv.PATH ?? '/usr/bin:/bin', SECRET_SOURCE: SECRET }
  return [
    {
      name: 'secret-command: command output lands in the container environment and nowhere else',
      async run() {
        const kit = createPluginTestKit({ plugins: [secretCommandPlugin({ env: commandEnv })] })
        try {
          const project = await kit.load(COMPOSE)
          const result = await project.up()
          const bodies = kit.fake?.createBodies() ?? {}
          const db = env(bodies[`${project.name}-db-1`])
          ok(db.includes(`DB_PASSWORD=${SECRET}`), 'the fetched value replaces the placeholder')
          ok(!db.includes('DB_PASSWORD=placeholder'))
          ok(db.includes('API_TOKEN=tok-42') && db.includes('PLAIN=visible'))
          ok(!env(bodies[`${project.name}-web-1`]).some((e) => e.startsWith('DB_PASSWORD')), 'other services get nothing')
          const elsewhere = JSON.stringify([project.project, kit.events, result.plan.toString(), bodies[`${project.name}-db-1`]?.Labels])
          ok(!elsewhere.includes(SECRET), 'not in the model, events, plan or labels')
        } finally {
          await kit.close()
        }
      },
    },
    {
      name: 'secret-command: a failing command stops up before anything is created, without leaking output',
      async run() {
        const kit = createPluginTestKit({ plugins: [secretCommandPlugin({ env: commandEnv })] })
        const project = await kit.load('services:\n  db:\n    image: busybox\n    x-secret-command:\n      PW: printf %s \"$SECRET_SOURCE\"; echo nope >&2; exit 3\n')
        await rejects(project.up(), (error: Error & { code?: string }) => {
          strictEqual(error.code, 'PLUGIN_ERROR')
          ok(error.message.includes('compose-plugin-secret-command') && error.message.includes('plan:create'), error.message)
          ok(error.message.includes('services.db.x-secret-command.PW') && error.message.includes('exited with 3: nope'), error.message)
          ok(!error.message.includes(SECRET), 'stdout is never echoed')
          return true
        })
        strictEqual(kit.fake?.calls.filter((c) => c.method !== 'GET').length, 0, 'no Engine call changed anything')
        await kit.close()
      },
    },
    {
      name: 'secret-command: allow restricts the programs, checked at load',
      async run() {
        const kit = createPluginTestKit({ plugins: [secretCommandPlugin({ allow: ['pass'] })] })
        await rejects(kit.load('services:\n  db:\n    image: busybox\n    x-secret-command: { PW: "curl http://evil" }\n'), /program "curl" is not allowed/)
        await kit.close()
      },
    },
    {
      name: 'secret-command: a real container gets the secret',
      async run() {
        const kit = createPluginTestKit({ plugins: [secretCommandPlugin({ env: commandEnv })], engine: 'real', env: { ...processEnv }, prefix: 'plg-secret' })
        try {
          const project = await kit.load(COMPOSE, { services: ['db'] })
          await project.up({ services: ['db'] })
          const inspected = await project.client.json<{ Config: { Env: string[] } }>({ method: 'GET', path: `/containers/${project.name}-db-1/json` })
          ok(inspected.Config.Env.includes(`DB_PASSWORD=${SECRET}`))
        } finally {
          await kit.close()
        }
      },
    },
  ]
}
