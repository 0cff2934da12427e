/** JSON-lines streams (events, pull/push/build progress), decoded incrementally. */
import { ComposeError } from '../errors.ts'

/** Splits a byte stream into text lines, buffering across chunk boundaries. */
export async function* lines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let nl = buffer.indexOf('\n')
    while (nl >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '')
      buffer = buffer.slice(nl + 1)
      if (line.trim() !== '') yield line
      nl = buffer.indexOf('\n')
    }
  }
  buffer += decoder.decode()
  if (buffer.trim() !== '') yield buffer
}

/**
 * Parses each line as JSON. The engine concatenates objects without newlines in a few places
 * (build output on old engines), so a line holding several objects is split too.
 */
export async function* ndjson<T>(body: AsyncIterable<Uint8Array>): AsyncGenerator<T> {
  for await (const line of lines(body)) {
    for (const part of splitConcatenated(line)) {
      try {
        yield JSON.parse(part) as T
      } catch (cause) {
        throw new ComposeError('ENGINE_STREAM', `malformed JSON line from the engine: ${part.slice(0, 200)}`, { cause })
      }
    }
  }
}

function splitConcatenated(line: string): string[] {
  if (!line.includes('}{')) return [line]
  const parts: string[] = []
  let depth = 0
  let inString = false
  let escaped = false
  let start = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}') {
      depth--
      if (depth === 0) {
        parts.push(line.slice(start, i + 1))
        start = i + 1
      }
    }
  }
  if (start < line.length && line.slice(start).trim() !== '') parts.push(line.slice(start))
  return parts
}

/** One line of pull/push/build progress as the engine sends it. */
export interface ProgressMessage {
  id?: string
  status?: string
  progress?: string
  progressDetail?: { current?: number; total?: number }
  stream?: string
  aux?: Record<string, unknown>
  error?: string
  errorDetail?: { code?: number; message?: string }
}

/**
 * Progress lines, failing loudly: an in-band `error` line (a failed pull, a failed build step)
 * throws instead of being passed on as data.
 */
export async function* progress(body: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<ProgressMessage> {
  for await (const msg of ndjson<ProgressMessage>(body)) {
    if (msg.error !== undefined || msg.errorDetail?.message !== undefined) {
      const message = msg.errorDetail?.message ?? msg.error ?? 'unknown error'
      throw new ComposeError('ENGINE_STREAM', `${what}: ${message.trim()}`)
    }
    yield msg
  }
}
