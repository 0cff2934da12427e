/**
 * Reuses a loaded project while none of the files the loader touched has changed: every path it
 * read or looked for is stamped (size and mtime, or "missing") before use, and a hit re-stamps
 * them. For long-running hosts (the HTTP server) that load the same project per request; a
 * cache, not state: dropping it changes nothing but speed.
 */
import { statSync } from 'node:fs'
import type { LoaderFs } from '../../core/loader/drafts.ts'
import type { LoadResult } from '../../core/loader/index.ts'
import { nodeFs } from '../../core/loader/_node-fs.ts'

type Stamp = string

/** Synchronous: a hit stamps a few local paths, each a few microseconds (a thread-pool trip is ~0.1 ms). */
function stampOf(path: string): Stamp {
  try {
    const s = statSync(path, { throwIfNoEntry: false })
    return s === undefined ? 'missing' : `${s.size}:${s.mtimeMs}:${s.ino}`
  } catch {
    return 'missing'
  }
}

/** A LoaderFs that stamps every path before the loader reads or looks at it. */
function recordingFs(stamps: Map<string, Stamp>): LoaderFs {
  const note = async (path: string): Promise<void> => {
    if (!stamps.has(path)) stamps.set(path, stampOf(path))
  }
  return {
    async readFile(path) {
      await note(path)
      return nodeFs.readFile(path)
    },
    async stat(path) {
      await note(path)
      return nodeFs.stat(path)
    },
  }
}

interface Entry {
  stamps: Map<string, Stamp>
  load: LoadResult
}

export interface LoadCache {
  /** The cached result for `key` if no file changed, else a fresh one from `load(fs)`. */
  get(key: string, load: (fs: LoaderFs) => Promise<LoadResult>): Promise<LoadResult>
  readonly size: number
}

export function createLoadCache(maxEntries = 64): LoadCache {
  const entries = new Map<string, Entry>()
  return {
    get size() {
      return entries.size
    },
    async get(key, load) {
      const cached = entries.get(key)
      if (cached !== undefined) {
        let unchanged = true
        for (const [path, stamp] of cached.stamps) if (stampOf(path) !== stamp) unchanged = false
        if (unchanged) return cached.load
        entries.delete(key)
      }
      const stamps = new Map<string, Stamp>()
      const result = await load(recordingFs(stamps))
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
      entries.set(key, { stamps, load: result })
      return result
    },
  }
}
