/**
 * The host side of `cp`: a local path as a stream of tar entries (files streamed, never held in
 * memory), and a tar stream written out to a local path. Modes and modification times are kept;
 * owners only with `archive` (and when the process may chown).
 */
import { createReadStream } from 'node:fs'
import { chmod, chown, link, lstat, mkdir, open, readdir, readlink, stat, symlink, unlink, utimes } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { join } from 'node:path'
import type { TarEntry } from '../engine/tar-write.ts'
import type { TarReadEntry } from '../engine/tar-read.ts'
import { safeRelative, stripTop } from './cp-paths.ts'

export interface LocalTarOptions {
  /** Name of the top-level entry; undefined: the directory's content at the top. */
  name: string | undefined
  /** Follow a symlink given as the source itself (`-L`). */
  followLink?: boolean
  /** Skipped entries (sockets, devices) are reported here. */
  warn?: (message: string) => void
}

function owner(st: Stats): Pick<TarEntry, 'uid' | 'gid' | 'mtime'> {
  return { uid: st.uid, gid: st.gid, mtime: st.mtime }
}

/** Entries for a local file or directory tree. */
export async function* localEntries(source: string, options: LocalTarOptions): AsyncGenerator<TarEntry> {
  const top = options.followLink === true ? await stat(source) : await lstat(source)
  yield* walk(source, options.name, top, options)
}

async function* walk(path: string, name: string | undefined, st: Stats, options: LocalTarOptions): AsyncGenerator<TarEntry> {
  const mode = st.mode & 0o7777
  if (st.isDirectory()) {
    if (name !== undefined) yield { type: 'directory', name, mode, ...owner(st) }
    const children = (await readdir(path)).sort()
    for (const child of children) {
      const childPath = join(path, child)
      yield* walk(childPath, name === undefined ? child : `${name}/${child}`, await lstat(childPath), options)
    }
    return
  }
  const entryName = name ?? path.slice(path.lastIndexOf('/') + 1)
  if (st.isSymbolicLink()) {
    yield { type: 'symlink', name: entryName, target: await readlink(path), mode, ...owner(st) }
  } else if (st.isFile()) {
    yield { type: 'file', name: entryName, content: createReadStream(path) as AsyncIterable<Uint8Array>, size: st.size, mode, ...owner(st) }
  } else {
    options.warn?.(`skipped ${path}: not a file, directory or symlink`)
  }
}

export interface ExtractOptions {
  /** Keep the archive's owners (`-a`); errors from chown are ignored when not permitted. */
  owners?: boolean
}

/**
 * Writes archive entries under `root`: the archive's top-level entry becomes `root` itself
 * (renamed), deeper entries go below it. Returns the number of entries written.
 */
export async function extractTo(entries: AsyncIterable<TarReadEntry>, root: string, options: ExtractOptions = {}): Promise<number> {
  let count = 0
  const dirTimes: [string, Date][] = []
  for await (const entry of entries) {
    const rel = safeRelative(stripTop(entry.name))
    const path = rel === '' ? root : join(root, rel)
    if (entry.type === 'directory') {
      await mkdir(path, { recursive: true })
      await chmod(path, entry.mode & 0o7777)
      dirTimes.push([path, entry.mtime])
    } else if (entry.type === 'file') {
      await removeIfLink(path)
      const handle = await open(path, 'w', entry.mode & 0o7777)
      try {
        for await (const chunk of entry.content) await handle.write(chunk)
      } finally {
        await handle.close()
      }
      await chmod(path, entry.mode & 0o7777)
      await utimes(path, entry.mtime, entry.mtime)
    } else if (entry.type === 'symlink') {
      await unlink(path).catch(() => undefined)
      await symlink(entry.linkname, path)
    } else if (entry.type === 'hardlink') {
      const target = join(root, safeRelative(stripTop(entry.linkname)))
      await unlink(path).catch(() => undefined)
      await link(target, path)
    } else {
      continue
    }
    if (options.owners === true) await chown(path, entry.uid, entry.gid).catch(() => undefined)
    count++
  }
  // directories last: writing into them changed their times
  for (const [path, mtime] of dirTimes.reverse()) await utimes(path, mtime, mtime).catch(() => undefined)
  return count
}

async function removeIfLink(path: string): Promise<void> {
  try {
    if ((await lstat(path)).isSymbolicLink()) await unlink(path)
  } catch {
    // not there: fine
  }
}

/** What a local path is (following links), or undefined when it does not exist. */
export async function localFacts(path: string): Promise<{ exists: boolean; isDir: boolean }> {
  try {
    return { exists: true, isDir: (await stat(path)).isDirectory() }
  } catch {
    return { exists: false, isDir: false }
  }
}
