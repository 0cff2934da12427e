import { describe, expect, it } from 'vitest'
import type { ContainerStats } from '../engine/types.ts'
import { formatStats, humanSize, toStatsRow } from './stats-format.ts'

const sample: ContainerStats = {
  read: '',
  preread: '',
  num_procs: 0,
  pids_stats: { current: 3 },
  blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'Read', value: 2000 }, { major: 8, minor: 0, op: 'Write', value: 1000 }], io_serviced_recursive: null },
  cpu_stats: { cpu_usage: { total_usage: 300, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 2000, online_cpus: 2, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
  precpu_stats: { cpu_usage: { total_usage: 100, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 1000, online_cpus: 2, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
  memory_stats: { usage: 3 * 1024 * 1024, limit: 100 * 1024 * 1024, stats: { inactive_file: 1024 * 1024 } },
  networks: { eth0: { rx_bytes: 1500, tx_bytes: 500, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } },
}

describe('stats rows', () => {
  it('compute CPU % from the delta, memory without cache, I/O totals', () => {
    const row = toStatsRow('0123456789abcdef', 'p-web-1', sample)
    expect(row.cpuPercent).toBeCloseTo(40)
    expect(row.memUsage).toBe(2 * 1024 * 1024)
    expect(row.memPercent).toBeCloseTo(2)
    expect([row.netInput, row.netOutput, row.blockRead, row.blockWrite, row.pids]).toEqual([1500, 500, 2000, 1000, 3])
  })

  it('format as a table, JSON lines or a template', () => {
    const row = toStatsRow('0123456789abcdef', 'p-web-1', sample)
    const table = formatStats([row])
    expect(table.split('\n')[0]).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT/)
    expect(table).toContain('0123456789ab   p-web-1   40.00%   2MiB / 100MiB')
    expect(JSON.parse(formatStats([row], 'json'))).toMatchObject({ Name: 'p-web-1', CPUPerc: '40.00%', NetIO: '1.5kB / 500B' })
    expect(formatStats([row], '{{.Name}}: {{.PIDs}}')).toBe('p-web-1: 3\n')
    expect(humanSize(1536, true)).toBe('1.5KiB')
  })
})
