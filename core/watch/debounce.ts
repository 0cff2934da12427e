/**
 * Debounced batches: paths collect until nothing new arrived for `quietMs` (docker compose
 * waits for a quiet period too), then go out as one batch. A batch still being handled delays
 * the next one, so handlers never overlap. Timers are injectable for tests.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

export interface Batcher {
  add(path: string): void
  /** Sends what is pending now (and waits for the batch to be handled). */
  flush(): Promise<void>
  close(): void
}

export interface BatcherOptions {
  quietMs: number
  /** Upper bound on how long a busy stream of changes can postpone a batch (default 10 × quietMs). */
  maxWaitMs?: number
  timers?: Timers
}

export function createBatcher(onBatch: (paths: string[]) => Promise<void> | void, options: BatcherOptions): Batcher {
  const timers = options.timers ?? realTimers
  const maxWait = options.maxWaitMs ?? options.quietMs * 10
  let pending = new Set<string>()
  let timer: unknown
  let since = 0
  let running: Promise<void> = Promise.resolve()
  let closed = false
  const fire = (): Promise<void> => {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = undefined
    if (pending.size === 0) return running
    const batch = [...pending].sort()
    pending = new Set()
    running = running.then(() => onBatch(batch)).catch(() => undefined)
    return running
  }
  return {
    add(path) {
      if (closed) return
      const now = timers.now()
      if (pending.size === 0) since = now
      pending.add(path)
      if (timer !== undefined) timers.clearTimeout(timer)
      const wait = now - since >= maxWait ? 0 : options.quietMs
      timer = timers.setTimeout(() => void fire(), wait)
    },
    flush: fire,
    close() {
      closed = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      pending.clear()
    },
  }
}
