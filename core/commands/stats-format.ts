/**
 * `stats` rows from Engine samples, pure: CPU % from the delta against the previous sample,
 * memory without the page cache (docker/cli calculateMemUsageUnixNoCache), network and block
 * I/O totals, and the `docker stats` table and template forms.
 */
import type { ContainerStats } from '../engine/types.ts'

export interface StatsRow {
  container: string
  /** Full container ID. */
  id: string
  name: string
  cpuPercent: number
  memUsage: number
  memLimit: number
  memPercent: number
  netInput: number
  netOutput: number
  blockRead: number
  blockWrite: number
  pids: number
}

export function toStatsRow(id: string, name: string, s: ContainerStats): StatsRow {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - (s.precpu_stats.cpu_usage?.total_usage ?? 0)
  const systemDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0)
  const cpus = s.cpu_stats.online_cpus ?? s.cpu_stats.cpu_usage.percpu_usage?.length ?? 1
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0
  const stats = s.memory_stats.stats ?? {}
  const cache = stats.total_inactive_file ?? stats.inactive_file ?? 0
  const usage = s.memory_stats.usage ?? 0
  const memUsage = usage > cache ? usage - cache : usage
  const memLimit = s.memory_stats.limit ?? 0
  let netInput = 0
  let netOutput = 0
  for (const n of Object.values(s.networks ?? {})) {
    netInput += n.rx_bytes
    netOutput += n.tx_bytes
  }
  let blockRead = 0
  let blockWrite = 0
  for (const e of s.blkio_stats.io_service_bytes_recursive ?? []) {
    if (e.op.toLowerCase() === 'read') blockRead += e.value
    if (e.op.toLowerCase() === 'write') blockWrite += e.value
  }
  return {
    container: id.slice(0, 12),
    id,
    name,
    cpuPercent,
    memUsage,
    memLimit,
    memPercent: memLimit > 0 ? (memUsage / memLimit) * 100 : 0,
    netInput,
    netOutput,
    blockRead,
    blockWrite,
    pids: s.pids_stats.current ?? 0,
  }
}

/** docker's units.HumanSizeWithPrecision (decimal) for I/O; BytesSize (binary) for memory. */
export function humanSize(bytes: number, binary: boolean): string {
  const base = binary ? 1024 : 1000
  const units = binary ? ['B', 'KiB', 'MiB', 'GiB', 'TiB'] : ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let i = 0
  while (value >= base && i < units.length - 1) {
    value /= base
    i++
  }
  return `${Number(value.toPrecision(binary ? 4 : 3))}${units[i]}`
}

/** The fields `--format` templates see, as docker stats names them. */
export function statsFields(row: StatsRow): Record<string, string> {
  return {
    Container: row.container,
    ID: row.container,
    Name: row.name,
    CPUPerc: `${row.cpuPercent.toFixed(2)}%`,
    MemUsage: `${humanSize(row.memUsage, true)} / ${humanSize(row.memLimit, true)}`,
    MemPerc: `${row.memPercent.toFixed(2)}%`,
    NetIO: `${humanSize(row.netInput, false)} / ${humanSize(row.netOutput, false)}`,
    BlockIO: `${humanSize(row.blockRead, false)} / ${humanSize(row.blockWrite, false)}`,
    PIDs: String(row.pids),
  }
}

const COLUMNS: [string, string][] = [
  ['CONTAINER ID', 'Container'],
  ['NAME', 'Name'],
  ['CPU %', 'CPUPerc'],
  ['MEM USAGE / LIMIT', 'MemUsage'],
  ['MEM %', 'MemPerc'],
  ['NET I/O', 'NetIO'],
  ['BLOCK I/O', 'BlockIO'],
  ['PIDS', 'PIDs'],
]

/** `table` (default), `json` (one object a line) or a Go-like template (`{{.Name}} {{.CPUPerc}}`, `table …`). */
export function formatStats(rows: readonly StatsRow[], format = 'table'): string {
  if (format === 'json') return rows.map((r) => `${JSON.stringify(statsFields(r))}\n`).join('')
  if (format === 'table' || format === '') {
    const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, k]) => statsFields(r)[k] ?? ''))]
    return alignColumns(cells)
  }
  const table = format.startsWith('table ')
  const template = table ? format.slice(6) : format
  const render = (fields: Record<string, string>): string => template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => fields[key] ?? '').replace(/\\t/g, '\t')
  const lines = rows.map((r) => render(statsFields(r)))
  if (table) {
    const header = template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => (COLUMNS.find(([, k]) => k === key)?.[0] ?? key.toUpperCase())).replace(/\\t/g, '\t')
    return alignColumns([header, ...lines].map((l) => l.split('\t')))
  }
  return lines.map((l) => `${l}\n`).join('')
}

function alignColumns(rows: readonly string[][]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join('')}\n`).join('')
}
