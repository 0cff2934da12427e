import { describe, expect, it } from 'vitest'
import type { ComposeEvent } from '../../../core/events.ts'
import { progressFilter } from './_progress-filters.ts'

const events: ComposeEvent[] = [
  { type: 'progress', id: 'Image app:1', status: 'Building', detail: 'Step 1/2' },
  { type: 'progress', id: 'Image app:1', status: 'Built' },
  { type: 'progress', id: 'Image redis:7', status: 'Pulling' },
  { type: 'progress', id: 'Image redis:7', status: 'Pulled' },
  { type: 'progress', id: 'Container p-app-1', status: 'Started' },
  { type: 'warning', message: 'careful' },
]
const kept = (flags: Parameters<typeof progressFilter>[0]): string[] => {
  const filter = progressFilter(flags)
  return events.filter((e) => filter === undefined || filter(e)).map((e) => (e.type === 'progress' ? `${e.id} ${e.status}` : e.type))
}

describe('progress filters', () => {
  it('no flag keeps everything', () => expect(progressFilter({})).toBeUndefined())
  it('--quiet-pull drops the pull rows only', () => {
    expect(kept({ 'quiet-pull': true })).toEqual(['Image app:1 Building', 'Image app:1 Built', 'Container p-app-1 Started', 'warning'])
  })
  it('--quiet-build drops the build rows only', () => {
    expect(kept({ 'quiet-build': true })).toEqual(['Image redis:7 Pulling', 'Image redis:7 Pulled', 'Container p-app-1 Started', 'warning'])
  })
  it('run -q keeps warnings and errors only', () => expect(kept({ quiet: true, 'quiet-pull': false })).toEqual(['warning']))
})
