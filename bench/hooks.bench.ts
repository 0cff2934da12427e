/**
 * Hook dispatch overhead: `up --dry-run` of a 200-service project (observe, reconcile, plan)
 * through the library, with the built-ins only and with 10 extra no-op plugins that register
 * every hook. The engine is the in-memory one of the plugin test kit, so the ratio measures
 * our dispatch and not socket noise. Target: ≤ 1.05× (measured, not asserted).
 */
import { Bench } from 'tinybench'
import { createCompose } from '../adapters/lib/index.ts'
import { HOOK_KINDS, Plan, PluginHost, type ComposeHooks, type ComposePlugin, type ComposeProject } from '../adapters/lib/index.ts'
import { FakeEngine } from '../plugins/_testing/fake-engine.ts'
import type { BenchReport } from './report.ts'

const SERVICES = 200
const PLUGINS = 10

/** A compose file with `n` services, a few dependencies, ports, env and labels each. */
export function generateProject(n: number): string {
  const lines = ['services:']
  for (let i = 0; i < n; i++) {
    lines.push(
      `  s${i}:`,
      '    image: busybox:latest',
      '    command: ["sleep", "3600"]',
      `    environment: { INDEX: "${i}", MODE: "\${MODE:-bench}" }`,
      `    labels: { team: t${i % 7} }`,
      `    ports: ["${10000 + i}:80"]`,
      ...(i % 10 === 0 || i === 0 ? [] : [`    depends_on: [s${i - (i % 10)}]`]),
    )
  }
  return `${lines.join('\n')}\n`
}

/** A plugin registering every hook with a handler that does nothing. */
export function noopPlugin(index: number): ComposePlugin {
  const hooks: Record<string, () => undefined> = {}
  for (const name of Object.keys(HOOK_KINDS)) hooks[name] = () => undefined
  return { name: `compose-plugin-noop-${index}`, hooks: hooks as ComposePlugin['hooks'] }
}

async function openProject(plugins: ComposePlugin[], yaml: string): Promise<ComposeProject> {
  const compose = createCompose({ cwd: '/tmp', env: {}, configFile: false, plugins, engine: { transport: new FakeEngine() } })
  return compose.project({ files: ['-'], stdin: yaml, projectName: 'bench-hooks' })
}

export async function hooksBench(): Promise<BenchReport> {
  const yaml = generateProject(SERVICES)
  const bare = await openProject([], yaml)
  const loaded = await openProject(Array.from({ length: PLUGINS }, (_, i) => noopPlugin(i)), yaml)
  const check = await loaded.up({ dryRun: true })
  if (check.plan.nodes.length < SERVICES) throw new Error(`unexpected plan: ${check.plan.nodes.length} nodes`)
  const handlers = Object.keys(HOOK_KINDS).length * PLUGINS
  const names = { bare: `up --dry-run, ${SERVICES} services, built-ins only`, loaded: `… + ${PLUGINS} no-op plugins (${handlers} handlers)` }
  // GC pauses make single means noisy: run several passes in alternating task order and keep,
  // per task, the median (p50) of each pass, then the lowest of those.
  const p50: Record<string, number[]> = { [names.bare]: [], [names.loaded]: [] }
  for (let pass = 0; pass < 10; pass++) {
    const order = pass % 2 === 0 ? [names.bare, names.loaded] : [names.loaded, names.bare]
    const bench = new Bench({ time: 800, warmupTime: 200 })
    for (const name of order) bench.add(name, async () => void (await (name === names.bare ? bare : loaded).up({ dryRun: true })))
    await bench.run()
    for (const task of bench.tasks) {
      const r = task.result as { latency?: { p50?: number; mean?: number } } | undefined
      p50[task.name]?.push(r?.latency?.p50 ?? r?.latency?.mean ?? Number.NaN)
    }
  }
  await bare.close()
  await loaded.close()
  // the absolute cost of one dispatch, for scale
  const host = new PluginHost<ComposeHooks>(HOOK_KINDS, Array.from({ length: PLUGINS }, (_, i) => noopPlugin(i)))
  const signal = new AbortController().signal
  const draft = { project: loaded.project, command: 'up', plan: new Plan() }
  const micro = new Bench({ time: 500, warmupTime: 100 })
  micro
    .add(`one sequential hook → ${PLUGINS} no-op handlers`, async () => void (await host.call('plan:create', signal, draft)))
    .add(`one parallel hook → ${PLUGINS} no-op handlers`, async () => void (await host.call('project:up', signal, { project: 'p', command: 'up', plan: draft.plan })))
  await micro.run()
  for (const task of micro.tasks) p50[task.name] = [(task.result as { latency?: { p50?: number } } | undefined)?.latency?.p50 ?? Number.NaN]
  const best = (name: string): number => Math.min(...(p50[name] ?? [Number.NaN]))
  return {
    title: `Hook dispatch overhead (median ms per up --dry-run, in-memory engine, ${PLUGINS} no-op plugins on every hook)`,
    rows: Object.keys(p50).map((name) => ({ name, meanMs: best(name) })),
    checks: [{ name: `${PLUGINS} no-op plugins vs none`, value: best(names.loaded) / best(names.bare), target: 1.05 }],
  }
}
