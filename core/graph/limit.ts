/** A concurrency limiter: at most `n` tasks run at once (unbounded when `n` is undefined or ≤ 0). */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>

export function createLimiter(n: number | undefined): Limiter {
  if (n === undefined || n <= 0 || !Number.isFinite(n)) return (task) => task()
  let active = 0
  const queue: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds n.
    if (active >= n) await new Promise<void>((resolve) => queue.push(resolve))
    else active++
    try {
      return await task()
    } finally {
      const next = queue.shift()
      if (next === undefined) active--
      else next()
    }
  }
}
