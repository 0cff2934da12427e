/**
 * `content:` and `environment:` secrets and configs have no file to bind: like docker compose,
 * we copy them into the container between create and start, as one tar with their parent
 * directories, owner and mode.
 */
import type { TarEntry } from '../engine/tar.ts'
import type { InjectedFile } from './spec-mounts.ts'

export function injectedEntries(files: readonly InjectedFile[]): TarEntry[] {
  const entries: TarEntry[] = []
  const dirs = new Set<string>()
  for (const f of files) {
    const parts = f.target.replace(/^\/+/, '').split('/')
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/')
      if (dirs.has(dir)) continue
      dirs.add(dir)
      entries.push({ type: 'directory', name: dir, mode: 0o755 })
    }
    entries.push({ type: 'file', name: parts.join('/'), content: f.content, mode: f.mode, ...(f.uid === undefined ? {} : { uid: f.uid }), ...(f.gid === undefined ? {} : { gid: f.gid }) })
  }
  return entries
}
