/**
 * Walks a build context directory into tar entries, lazily: one directory listing and one open
 * file at a time, file contents read in chunks as the tar writer asks for them, so a context of
 * any size streams in constant memory. Entries are `lstat`ed: symlinks are archived as links
 * (never followed, so nothing outside the context is read), files are opened with O_NOFOLLOW.
 * Like the docker CLI (`archive.TarWithOptions` with a zero `ChownOpts`), owners are 0:0 and
 * modes and modification times are kept; sockets, FIFOs and devices are left out.
 */
import { constants } from 'node:fs'
import { lstat, open, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { TarEntry } from '../engine/tar.ts'
import { ComposeError } from '../errors.ts'
import type { IgnoreMatcher } from './ignore.ts'

export interface WalkOptions {
  /** Absolute, symlink-free path of the context directory. */
  root: string
  matcher: IgnoreMatcher
  /** Context-relative paths left out whatever the patterns say (replaced by synthetic entries). */
  omit?: ReadonlySet<string>
  /** Bytes per read (default 256 KiB). */
  chunkSize?: number
  signal?: AbortSignal
}

const DEFAULT_CHUNK = 256 * 1024

/** The context's entries in lexical order, parents before children. */
export function walkContext(options: WalkOptions): AsyncGenerator<TarEntry> {
  return walkDir(options, options.root, '')
}

async function* walkDir(options: WalkOptions, dir: string, rel: string): AsyncGenerator<TarEntry> {
  const names = await attempt(() => readdir(dir), `can't read directory "${dir}"`)
  names.sort()
  for (const name of names) {
    options.signal?.throwIfAborted()
    const path = rel === '' ? name : `${rel}/${name}`
    if (options.omit?.has(path) === true) continue
    const abs = join(dir, name)
    const st = await attempt(() => lstat(abs), `can't stat "${abs}"`)
    if (options.matcher.excludes(path)) {
      // an excluded directory is entered only when an exception may re-include something in it
      if (st.isDirectory() && options.matcher.mustDescend(path)) yield* walkDir(options, abs, path)
      continue
    }
    const common = { name: path, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 }
    if (st.isDirectory()) {
      yield { ...common, type: 'directory' }
      yield* walkDir(options, abs, path)
    } else if (st.isSymbolicLink()) {
      yield { ...common, type: 'symlink', target: await attempt(() => readlink(abs), `can't read link "${abs}"`) }
    } else if (st.isFile()) {
      yield { ...common, type: 'file', size: st.size, content: readChunks(abs, st.size, options.chunkSize ?? DEFAULT_CHUNK) }
    }
  }
}

/** Reads exactly `size` bytes, a fresh buffer per chunk (the transport may still hold the last one). */
async function* readChunks(path: string, size: number, chunk: number): AsyncGenerator<Uint8Array> {
  const handle = await attempt(() => open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)), `no permission to read from "${path}"`)
  try {
    let left = size
    while (left > 0) {
      const buffer = new Uint8Array(Math.min(chunk, left))
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null)
      if (bytesRead === 0) {
        throw new ComposeError('BUILD_CONTEXT', `"${path}" became shorter while it was being sent (${size - left} of ${size} bytes)`, { hint: 'do not modify the build context during a build' })
      }
      left -= bytesRead
      yield bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead)
    }
  } finally {
    await handle.close()
  }
}

async function attempt<T>(fn: () => Promise<T>, message: string): Promise<T> {
  try {
    return await fn()
  } catch (cause) {
    const code = (cause as { code?: string }).code
    throw new ComposeError('BUILD_CONTEXT', `${message}: ${code ?? (cause as Error).message}`, {
      cause,
      ...(code === 'EACCES' ? { hint: 'make the file readable, or exclude it in .dockerignore' } : {}),
    })
  }
}
