/**
 * File events without polling: `node:fs` watch, recursive where the runtime supports it (Node 20
 * on Linux, macOS and Windows; Bun; Deno), otherwise a tree of per-directory watchers that grows
 * as directories appear. Reports absolute paths; what changed is found out by the caller.
 */
import { watch, type FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export type ChangeListener = (path: string) => void

export interface FileWatcher {
  close(): void
}

export interface WatchTreeOptions {
  /** Force the per-directory fallback (tests). */
  recursive?: boolean
  /** Errors of the underlying watchers (a watched directory removed, …). */
  onError?: (error: unknown) => void
}

/** Watches `root` (a directory or a file) and everything below it. */
export async function watchTree(root: string, onChange: ChangeListener, options: WatchTreeOptions = {}): Promise<FileWatcher> {
  const info = await stat(root).catch(() => undefined)
  if (info === undefined) return watchMissing(root, onChange, options)
  if (!info.isDirectory()) return single(root, () => onChange(root), options)
  if (options.recursive !== false) {
    try {
      const w = watch(root, { recursive: true }, (_event, name) => onChange(name === null ? root : join(root, name.toString())))
      w.on('error', (error) => options.onError?.(error))
      return { close: () => w.close() }
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' && !(error instanceof TypeError)) throw error
    }
  }
  return tree(root, onChange, options)
}

function single(path: string, onChange: () => void, options: WatchTreeOptions): FileWatcher {
  const w = watch(path, () => onChange())
  w.on('error', (error) => options.onError?.(error))
  return { close: () => w.close() }
}

/** A path that does not exist yet: watch its parent until it appears. */
async function watchMissing(root: string, onChange: ChangeListener, options: WatchTreeOptions): Promise<FileWatcher> {
  let inner: FileWatcher | undefined
  let closed = false
  const parent = watch(dirname(root), (_event, name) => {
    if (name === null || join(dirname(root), name.toString()) !== root || inner !== undefined) return
    onChange(root)
    void watchTree(root, onChange, options).then((w) => {
      if (closed) w.close()
      else inner = w
    }, options.onError)
  })
  parent.on('error', (error) => options.onError?.(error))
  return {
    close: () => {
      closed = true
      parent.close()
      inner?.close()
    },
  }
}

/** One non-recursive watcher per directory. */
async function tree(root: string, onChange: ChangeListener, options: WatchTreeOptions): Promise<FileWatcher> {
  const watchers = new Map<string, FSWatcher>()
  let closed = false
  const add = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir)) return
    let w: FSWatcher
    try {
      w = watch(dir, (_event, name) => {
        const path = name === null ? dir : join(dir, name.toString())
        onChange(path)
        void stat(path).then(
          (st) => (st.isDirectory() ? add(path) : undefined),
          () => drop(path),
        )
      })
    } catch (error) {
      options.onError?.(error)
      return
    }
    w.on('error', () => drop(dir))
    watchers.set(dir, w)
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries) if (e.isDirectory()) await add(join(dir, e.name))
  }
  const drop = (dir: string): void => {
    for (const [path, w] of watchers) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        w.close()
        watchers.delete(path)
      }
    }
  }
  await add(root)
  return {
    close: () => {
      closed = true
      for (const w of watchers.values()) w.close()
      watchers.clear()
    },
  }
}
