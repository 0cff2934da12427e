/**
 * Sync: changed host files into a container as one tar stream (`PUT /archive` at `/`), files
 * streamed from disk; paths that no longer exist are removed in the container with `rm -rf`.
 * One-way, host to container.
 */
import { createReadStream } from 'node:fs'
import { lstat, readdir, readlink } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { join } from 'node:path'
import { putContainerArchive } from '../engine/api/containers.ts'
import { execRun } from '../engine/api/exec.ts'
import type { EngineClient } from '../engine/client.ts'
import { writeTar, type TarEntry } from '../engine/tar-write.ts'
import { ComposeError } from '../errors.ts'
import { containerPath, matchRule, type WatchRule } from './rules.ts'

export interface SyncResult {
  /** Container paths written. */
  copied: string[]
  /** Container paths removed. */
  deleted: string[]
}

interface Change {
  host: string
  rel: string
  stats: Stats | undefined
}

/** What each changed path is now (missing ones are deletions). */
async function changes(rule: WatchRule, paths: readonly string[]): Promise<Change[]> {
  const out: Change[] = []
  const all = new Set(paths)
  for (const host of paths) {
    // a directory in the same batch brings what is below it along
    if (ancestors(host).some((a) => all.has(a))) continue
    const rel = matchRule(rule, host)
    if (rel === undefined) continue
    out.push({ host, rel, stats: await lstat(host).catch(() => undefined) })
  }
  return out
}

function ancestors(path: string): string[] {
  const out: string[] = []
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i))
  return out
}

async function* entries(rule: WatchRule, list: readonly Change[], copied: string[]): AsyncGenerator<TarEntry> {
  for (const c of list) if (c.stats !== undefined) yield* entry(rule, c.host, c.rel, c.stats, copied)
}

async function* entry(rule: WatchRule, host: string, rel: string, st: Stats, copied: string[]): AsyncGenerator<TarEntry> {
  const name = containerPath(rule, rel)
  const base = { name: name.replace(/^\/+/, ''), mode: st.mode & 0o7777, mtime: st.mtime }
  if (st.isDirectory()) {
    yield { type: 'directory', ...base }
    for (const child of (await readdir(host)).sort()) {
      const childHost = join(host, child)
      const childRel = matchRule(rule, childHost)
      if (childRel === undefined) continue
      const childStats = await lstat(childHost).catch(() => undefined)
      if (childStats !== undefined) yield* entry(rule, childHost, childRel, childStats, copied)
    }
  } else if (st.isSymbolicLink()) {
    copied.push(name)
    yield { type: 'symlink', ...base, target: await readlink(host) }
  } else if (st.isFile()) {
    copied.push(name)
    yield { type: 'file', ...base, size: st.size, content: createReadStream(host) as AsyncIterable<Uint8Array> }
  }
}

/** Syncs `paths` (absolute host paths under the rule) into the container. */
export async function syncPaths(client: EngineClient, container: string, rule: WatchRule, paths: readonly string[], signal?: AbortSignal): Promise<SyncResult> {
  const list = await changes(rule, paths)
  const copied: string[] = []
  const deleted = list.filter((c) => c.stats === undefined).map((c) => containerPath(rule, c.rel))
  const sig = signal === undefined ? {} : { signal }
  if (list.some((c) => c.stats !== undefined)) await putContainerArchive(client, container, '/', writeTar(entries(rule, list, copied)), sig)
  if (deleted.length > 0) {
    const result = await execRun(client, container, ['rm', '-rf', ...deleted], sig)
    if (result.exitCode !== 0) throw new ComposeError('ENGINE_ERROR', `removing ${deleted.join(', ')} in the container failed: ${result.stderr.trim()}`)
  }
  return { copied, deleted }
}
