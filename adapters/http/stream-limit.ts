/**
 * A cap on the streams held open at once (logs, events): each holds engine connections for as
 * long as its client stays, so without a cap a client could exhaust file descriptors and engine
 * connections (security.md, "Huge inputs"). Over the cap a stream is refused with 429 before
 * its response starts.
 */
import { ComposeError } from '../../core/errors.ts'

export const DEFAULT_MAX_STREAMS = 128

export interface StreamLimit {
  /** Takes a slot or throws HTTP_TOO_MANY_REQUESTS; call the returned function once to free it. */
  acquire(): () => void
  readonly open: number
}

export function createStreamLimit(max: number = DEFAULT_MAX_STREAMS): StreamLimit {
  let open = 0
  return {
    acquire() {
      if (open >= max) {
        throw new ComposeError('HTTP_TOO_MANY_REQUESTS', `${open} streams are open, the most this server holds`, { hint: 'close a logs or events stream, or start the server with a higher limit' })
      }
      open++
      let freed = false
      return () => {
        if (freed) return
        freed = true
        open--
      }
    },
    get open() {
      return open
    },
  }
}
