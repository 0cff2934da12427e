/** `npm run bench`: runs every benchmark and prints a table per benchmark. */
import process from 'node:process'
import { buildContextBench } from './build-context.ts'
import { engineBench } from './engine.bench.ts'
import { execBench } from './exec.ts'
import { hooksBench } from './hooks.bench.ts'
import { httpLoadBench } from './http-load.ts'
import { lifecycleBench } from './lifecycle.ts'
import { loaderBench, loaderProcessBench } from './loader.bench.ts'
import { formatReport, type BenchReport } from './report.ts'

const suites: Record<string, (env: Readonly<Record<string, string | undefined>>) => Promise<BenchReport>> = {
  engine: engineBench,
}

/** Suites that run only when named (`npm run bench build-context`): slow or disk-heavy. */
const optIn: Record<string, (env: Readonly<Record<string, string | undefined>>) => Promise<BenchReport>> = {
  'build-context': buildContextBench,
  // up --dry-run of 200 services, 10 no-op plugins on every hook vs none (~25 s)
  hooks: hooksBench,
  // whole `compose exec` processes against `docker exec`, interleaved (bench/exec.ts)
  exec: execBench,
  // 200-service file: in-process load + validate; `config` as a process against docker-compose v1
  loader: loaderBench,
  'loader-process': loaderProcessBench,
  // GET ps vs project.ps(), 200 concurrent GET ps, 50 held log streams; server RSS (~30 s)
  'http-load': async (env) => {
    const report = await httpLoadBench(env)
    process.stdout.write(report.text)
    return report
  },
  // whole processes against docker-compose v1 and the floor; minutes long (see bench/lifecycle.ts)
  lifecycle: async (env) => {
    const report = await lifecycleBench(env)
    process.stdout.write(report.text)
    return report
  },
}

const only = process.argv.slice(2)
for (const [name, run] of Object.entries(optIn)) if (only.includes(name)) suites[name] = run
for (const [name, run] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue
  process.stdout.write(formatReport(await run(process.env)))
}
