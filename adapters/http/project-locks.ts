/**
 * One long operation at a time per project, in this process: a second `up` (or `down`, ...)
 * on a project that is busy is refused with 409 naming what runs. Keyed by the project's real
 * working directory, so `web` and `dir:web` are the same project. Not lasting state: a
 * restarted server starts with no locks.
 */
import { ComposeError } from '../../core/errors.ts'

export interface ProjectLocks {
  /** Takes the lock or throws HTTP_BUSY; call the returned function to release it. */
  acquire(key: string, operation: string, label: string): () => void
  /** What holds the lock of `key`, if anything. */
  holder(key: string): string | undefined
}

export function createProjectLocks(): ProjectLocks {
  const held = new Map<string, string>()
  return {
    acquire(key, operation, label) {
      const current = held.get(key)
      if (current !== undefined) {
        throw new ComposeError('HTTP_BUSY', `project ${label} is busy: ${current} is running`, { hint: 'retry when it has finished' })
      }
      held.set(key, operation)
      let released = false
      return () => {
        if (released) return
        released = true
        held.delete(key)
      }
    },
    holder: (key) => held.get(key),
  }
}
