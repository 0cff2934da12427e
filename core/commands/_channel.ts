/** A small push → async-iterable queue (unbounded; `end` and `fail` finish it). */
export interface Channel<T> extends AsyncIterable<T> {
  push(value: T): void
  end(): void
  fail(error: unknown): void
  readonly ended: boolean
}

export function createChannel<T>(): Channel<T> {
  const queue: T[] = []
  let finished = false
  let failure: { error: unknown } | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    wake?.()
    wake = undefined
  }
  return {
    get ended() {
      return finished
    },
    push(value) {
      if (finished) return
      queue.push(value)
      notify()
    },
    end() {
      finished = true
      notify()
    },
    fail(error) {
      if (finished) return
      failure = { error }
      finished = true
      notify()
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as T
        if (finished) {
          if (failure !== undefined) throw failure.error
          return
        }
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
    },
  }
}
