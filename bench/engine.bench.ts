/**
 * Request latency through our engine client against a bare node:http request on the same
 * socket (keep-alive agent, same connection bound). Target: our overhead ≤ 10%.
 */
import { Agent, request } from 'node:http'
import { Bench } from 'tinybench'
import { EngineClient } from '../core/engine/client.ts'
import { DEFAULT_SOCKET } from '../core/engine/host.ts'
import type { BenchReport } from './report.ts'

function bareGet(agent: Agent, socketPath: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', agent, headers: { host: 'docker' } }, (res) => {
      res.on('data', () => {})
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export async function engineBench(env: Readonly<Record<string, string | undefined>>): Promise<BenchReport> {
  const socketPath = (env.DOCKER_HOST ?? `unix://${DEFAULT_SOCKET}`).replace(/^unix:\/\//, '')
  const client = new EngineClient({ env, connections: 8 })
  const version = await client.apiVersion()
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const bench = new Bench({ time: 2000, warmupTime: 300 })
  bench
    .add('bare node:http GET /_ping', () => bareGet(agent, socketPath, '/_ping'))
    .add('compose client GET /_ping', async () => {
      await client.send({ method: 'GET', path: '/_ping', unversioned: true })
    })
    .add('bare node:http GET /containers/json', () => bareGet(agent, socketPath, `/v${version}/containers/json?all=1`))
    .add('compose client GET /containers/json', async () => {
      await client.json({ method: 'GET', path: '/containers/json', query: { all: true } })
    })
  // interleave: run twice and keep the second (warm) pass
  await bench.run()
  await bench.run()
  await client.close()
  agent.destroy()
  const mean = (name: string): number => {
    const task = bench.getTask(name)
    const r = task?.result as { latency?: { mean?: number }; mean?: number } | undefined
    return r?.latency?.mean ?? r?.mean ?? Number.NaN
  }
  const rows = bench.tasks.map((t) => ({ name: t.name, meanMs: mean(t.name) }))
  const ratio = (a: string, b: string): number => mean(a) / mean(b)
  return {
    title: 'Engine client request latency (mean ms per request, sequential)',
    rows,
    checks: [
      { name: '/_ping overhead vs bare node:http', value: ratio('compose client GET /_ping', 'bare node:http GET /_ping'), target: 1.1 },
      { name: '/containers/json overhead vs bare node:http', value: ratio('compose client GET /containers/json', 'bare node:http GET /containers/json'), target: 1.1 },
    ],
  }
}
