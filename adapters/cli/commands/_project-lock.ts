/**
 * One mutating command per project at a time on this host: two `up` at once would race on the
 * engine (both create `<project>_default`, which the engine allows twice). The second command
 * waits for the first, saying so. A lock whose process is gone is taken over.
 */
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'

export interface ProjectLock {
  release(): void
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx')
    writeSync(fd, String(process.pid))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error
    const holder = Number(readFileSync(path, 'utf8').trim())
    // an empty file is a holder between open and write: wait for it
    if (!Number.isInteger(holder) || holder <= 0 || alive(holder)) return false
    rmSync(path, { force: true }) // a crashed holder
    return false
  }
}

export async function lockProject(project: string, onWait: () => void, signal?: AbortSignal): Promise<ProjectLock> {
  const dir = join(tmpdir(), 'compose-locks')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${project.replace(/[^a-z0-9_.-]/gi, '_')}.lock`)
  let waited = false
  while (!tryLock(path)) {
    if (!waited) onWait()
    waited = true
    if (signal?.aborted === true) throw signal.reason
    await new Promise((r) => setTimeout(r, 100))
  }
  return { release: () => rmSync(path, { force: true }) }
}
