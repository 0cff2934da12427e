/**
 * Progress filters for `--quiet-pull`, `--quiet-build` and `run -q`. Pulls and builds both
 * report under `Image <name>`; a build's rows say Building/Built, a pull's anything else.
 * Warnings and errors always show.
 */
import type { ComposeEvent } from '../../../core/events.ts'

const BUILD_STATUSES = new Set(['Building', 'Built'])

function isImageProgress(event: ComposeEvent): event is Extract<ComposeEvent, { type: 'progress' }> {
  return event.type === 'progress' && event.id.startsWith('Image ')
}

const isBuild = (event: ComposeEvent): boolean => isImageProgress(event) && BUILD_STATUSES.has(event.status)
const isPull = (event: ComposeEvent): boolean => isImageProgress(event) && !BUILD_STATUSES.has(event.status)

export interface QuietFlags {
  'quiet-pull'?: boolean
  'quiet-build'?: boolean
  /** `run -q`: nothing but warnings and errors. */
  quiet?: boolean
}

/** The filter for withProject, or undefined when every event shows. */
export function progressFilter(flags: QuietFlags): ((event: ComposeEvent) => boolean) | undefined {
  const pulls = flags['quiet-pull'] === true
  const builds = flags['quiet-build'] === true
  if (flags.quiet === true) return (event) => event.type === 'warning' || event.type === 'error'
  if (!pulls && !builds) return undefined
  return (event) => !((pulls && isPull(event)) || (builds && isBuild(event)))
}

/** `{ filter }` for withProject's options, or nothing. */
export function quietFilter(flags: QuietFlags): { filter?: (event: ComposeEvent) => boolean } {
  const filter = progressFilter(flags)
  return filter === undefined ? {} : { filter }
}
