/**
 * The plugin's checks, runtime-agnostic: vitest (index.test.ts), bun:test and Deno.test run
 * these same functions. `env` gives DOCKER_HOST for the one check against the real engine.
 */
import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict'
import { createPluginTestKit, type ConformanceCheck } from '../../../plugins/_testing/index.ts'
import { traefikLabelsPlugin } from './index.ts'

const COMPOSE = `
services:
  app:
    image: busybox:latest
    command: ["sleep", "600"]
    stop_grace_period: 1s
    labels:
      traefik.http.routers.custom.rule: Host(\`kept.localhost\`)
    x-traefik: { host: app.localhost, port: 8080 }
  api:
    image: busybox:latest
    command: ["sleep", "600"]
    stop_grace_period: 1s
    x-traefik: { host: [api.localhost, api.example.test], path: /v1, tls: true, middlewares: [auth] }
  worker:
    image: busybox:latest
    command: ["sleep", "600"]
    stop_grace_period: 1s
`

type Labels = Record<string, string>

export function traefikLabelsChecks(env: Readonly<Record<string, string | undefined>>): ConformanceCheck[] {
  return [
    {
      name: 'traefik-labels: x-traefik becomes routing labels on the create body',
      async run() {
        const kit = createPluginTestKit({ plugins: [traefikLabelsPlugin({ entrypoints: ['web'], certResolver: 'le' })] })
        try {
          const project = await kit.load(COMPOSE)
          await project.up()
          const bodies = kit.fake?.createBodies() ?? {}
          const labels = (service: string): Labels => (bodies[`${project.name}-${service}-1`]?.Labels ?? {}) as Labels
          const r = `${project.name}-app`
          strictEqual(labels('app')['traefik.enable'], 'true')
          strictEqual(labels('app')[`traefik.http.routers.${r}.rule`], 'Host(`app.localhost`)')
          strictEqual(labels('app')[`traefik.http.routers.${r}.entrypoints`], 'web')
          strictEqual(labels('app')[`traefik.http.services.${r}.loadbalancer.server.port`], '8080')
          strictEqual(labels('app')['traefik.http.routers.custom.rule'], 'Host(`kept.localhost`)', 'own labels are kept')
          strictEqual(labels('app')['com.docker.compose.service'], 'app', 'compose labels are kept')
          const a = `${project.name}-api`
          strictEqual(labels('api')[`traefik.http.routers.${a}.rule`], '(Host(`api.localhost`) || Host(`api.example.test`)) && PathPrefix(`/v1`)')
          strictEqual(labels('api')[`traefik.http.routers.${a}.tls`], 'true')
          strictEqual(labels('api')[`traefik.http.routers.${a}.tls.certresolver`], 'le')
          strictEqual(labels('api')[`traefik.http.routers.${a}.middlewares`], 'auth')
          deepStrictEqual(Object.keys(labels('worker')).filter((k) => k.startsWith('traefik.')), [], 'no x-traefik, no labels')
        } finally {
          await kit.close()
        }
      },
    },
    {
      name: 'traefik-labels: a bad x-traefik fails the load with file:line and the plugin named',
      async run() {
        const kit = createPluginTestKit({ plugins: [traefikLabelsPlugin()] })
        await rejects(kit.load('services:\n  app:\n    image: busybox\n    x-traefik:\n      host: app.localhost\n      port: http\n'), (error: Error & { code?: string; issues?: { message: string; source?: { line: number } }[] }) => {
          strictEqual(error.code, 'SCHEMA_INVALID')
          const issue = error.issues?.[0]
          ok(issue !== undefined && issue.message.includes('services.app.x-traefik.port') && issue.message.includes('compose-plugin-traefik-labels'), JSON.stringify(error.issues))
          strictEqual(issue.source?.line, 6)
          return true
        })
        strictEqual(kit.fake?.calls.filter((c) => c.method !== 'GET').length, 0, 'nothing was created')
        await kit.close()
      },
    },
    {
      name: 'traefik-labels: the labels reach a real container',
      async run() {
        const kit = createPluginTestKit({ plugins: [traefikLabelsPlugin()], engine: 'real', env: { ...env }, prefix: 'plg-traefik' })
        try {
          const project = await kit.load(COMPOSE, { services: ['app'] })
          await project.up({ services: ['app'] })
          const inspected = await project.client.json<{ Config: { Labels: Labels } }>({ method: 'GET', path: `/containers/${project.name}-app-1/json` })
          strictEqual(inspected.Config.Labels[`traefik.http.routers.${project.name}-app.rule`], 'Host(`app.localhost`)')
          strictEqual(inspected.Config.Labels[`traefik.http.services.${project.name}-app.loadbalancer.server.port`], '8080')
        } finally {
          await kit.close()
        }
      },
    },
  ]
}
