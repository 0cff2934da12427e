export interface BenchReport {
  title: string
  rows: { name: string; meanMs: number }[]
  /** Ratios against a target (lower is better; pass when value ≤ target). */
  checks: { name: string; value: number; target: number }[]
}

export function formatReport(report: BenchReport): string {
  const width = Math.max(...report.rows.map((r) => r.name.length), ...report.checks.map((c) => c.name.length)) + 2
  const lines = [`## ${report.title}`, '']
  for (const r of report.rows) lines.push(`  ${r.name.padEnd(width)}${r.meanMs.toFixed(3)} ms`)
  lines.push('')
  for (const c of report.checks) {
    lines.push(`  ${c.name.padEnd(width)}${c.value.toFixed(3)}× (target ≤ ${c.target}×) ${c.value <= c.target ? 'PASS' : 'MISS'}`)
  }
  return `${lines.join('\n')}\n`
}
