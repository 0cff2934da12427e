/** Draining a progress stream into a result, with an optional observer of every message. */
import type { ProgressMessage } from '../ndjson.ts'

export type ProgressObserver = (message: ProgressMessage) => void

export async function drainProgress(stream: AsyncIterable<ProgressMessage>, onProgress: ProgressObserver | undefined): Promise<ProgressMessage[]> {
  const aux: ProgressMessage[] = []
  for await (const message of stream) {
    onProgress?.(message)
    if (message.aux !== undefined || message.stream !== undefined || message.status !== undefined) aux.push(message)
  }
  return aux
}
