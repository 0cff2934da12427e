/** Small helpers the endpoint families share: signals, filters, ids in paths, stream framing. */
import { demux, raw, type StreamFrame } from '../demux.ts'
import type { EngineFilters } from '../types.ts'

/** Every call takes an optional AbortSignal in its options. */
export interface Abortable {
  signal?: AbortSignal
}

/** `{ signal }` when there is one (exactOptionalPropertyTypes-friendly spread). */
export function withSignal(options: Abortable | undefined): { signal?: AbortSignal } {
  return options?.signal === undefined ? {} : { signal: options.signal }
}

/** The `filters` query parameter: JSON of `{ key: [values] }`, omitted when empty. */
export function encodeFilters(filters: EngineFilters | undefined): string | undefined {
  if (filters === undefined) return undefined
  const entries = Object.entries(filters).filter(([, values]) => values.length > 0)
  return entries.length === 0 ? undefined : JSON.stringify(Object.fromEntries(entries))
}

/** An id or name as a path segment. */
export function seg(id: string): string {
  return encodeURIComponent(id)
}

/** Multiplexed frames, or raw stdout when the container or exec has a TTY. */
export function frames(body: AsyncIterable<Uint8Array>, tty: boolean): AsyncGenerator<StreamFrame> {
  return tty ? raw(body) : demux(body)
}

/** Unix seconds for `since`/`until`: a Date, or seconds (fractions allowed). */
export function unixTime(value: number | Date | undefined): string | undefined {
  if (value === undefined) return undefined
  const ms = value instanceof Date ? value.getTime() : value * 1000
  const seconds = Math.floor(ms / 1000)
  const nanos = Math.round((ms - seconds * 1000) * 1e6)
  return nanos === 0 ? String(seconds) : `${seconds}.${String(nanos).padStart(9, '0')}`
}

/** Drains a body while the caller is not interested in it (aborts end it quietly). */
export async function drain(body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of body) {
    // discard
  }
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
