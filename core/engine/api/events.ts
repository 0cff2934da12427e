/**
 * `GET /events`: the engine's event stream as typed events. Without `until` it runs until the
 * signal aborts, and then ends quietly (no AbortError from the iteration).
 */
import type { EngineClient } from '../client.ts'
import { ndjson } from '../ndjson.ts'
import type { EngineEvent, EngineFilters } from '../types.ts'
import { encodeFilters, unixTime, withSignal, type Abortable } from './_shared.ts'

export interface EventsOptions extends Abortable {
  /** Replay events since this time (a Date or unix seconds). */
  since?: number | Date
  /** Stop at this time; the stream then ends by itself. */
  until?: number | Date
  /** `container`, `event`, `image`, `label`, `network`, `type`, `volume`, ... */
  filters?: EngineFilters
}

/** Resolves once the engine is subscribed (events after that are not missed). */
export async function streamEvents(client: EngineClient, options: EventsOptions = {}): Promise<AsyncIterable<EngineEvent>> {
  const res = await client.request({
    method: 'GET',
    path: '/events',
    query: { since: unixTime(options.since), until: unixTime(options.until), filters: encodeFilters(options.filters) },
    ...withSignal(options),
  })
  return quietOnAbort(ndjson<EngineEvent>(res.body), options.signal)
}

async function* quietOnAbort<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  try {
    for await (const item of source) {
      if (signal?.aborted === true) return
      yield item
    }
  } catch (error) {
    if (signal?.aborted === true) return
    throw error
  }
}
