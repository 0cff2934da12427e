/** `npm run bench`: runs every benchmark and prints a table per benchmark. */
import process from 'node:process'
import { engineBench } from './engine.bench.ts'
import { formatReport, type BenchReport } from './report.ts'

const suites: Record<string, (env: Readonly<Record<string, string | undefined>>) => Promise<BenchReport>> = {
  engine: engineBench,
}

const only = process.argv.slice(2)
for (const [name, run] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue
  process.stdout.write(formatReport(await run(process.env)))
}
