/** `GET /containers/{id}/stats` (the daemon's types.StatsJSON on Linux). */

export interface CpuUsage {
  total_usage: number
  percpu_usage?: number[]
  usage_in_kernelmode: number
  usage_in_usermode: number
}

export interface CpuStats {
  cpu_usage: CpuUsage
  system_cpu_usage?: number
  online_cpus?: number
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number }
}

export interface BlkioStatEntry {
  major: number
  minor: number
  op: string
  value: number
}

export interface NetworkStats {
  rx_bytes: number
  rx_packets: number
  rx_errors: number
  rx_dropped: number
  tx_bytes: number
  tx_packets: number
  tx_errors: number
  tx_dropped: number
}

export interface ContainerStats {
  id?: string
  name?: string
  read: string
  preread: string
  pids_stats: { current?: number; limit?: number }
  blkio_stats: {
    io_service_bytes_recursive: BlkioStatEntry[] | null
    io_serviced_recursive: BlkioStatEntry[] | null
    [key: string]: BlkioStatEntry[] | null
  }
  num_procs: number
  cpu_stats: CpuStats
  precpu_stats: CpuStats
  memory_stats: { usage?: number; max_usage?: number; limit?: number; stats?: Record<string, number>; failcnt?: number }
  networks?: Record<string, NetworkStats>
}
