/** Helpers for the interactive e2e suites: a temp project directory, the CLI in it, cleanup by label. */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { compose, type RunResult } from '../cli-runtime.ts'
import { cleanup } from '../lifecycle/_helpers.ts'

export { client, cleanup, engineUp, eventually, projectContainers } from '../lifecycle/_helpers.ts'

export interface TempProject {
  name: string
  dir: string
  /** `node bin/compose.cjs -p <name> …` in the project directory. */
  cli(args: readonly string[], input?: string): RunResult
  write(path: string, content: string | Uint8Array): string
  dispose(): Promise<void>
}

export function tempProject(prefix: string, yaml: string): TempProject {
  const name = `${prefix}${randomBytes(3).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), `${name}-`))
  writeFileSync(join(dir, 'compose.yaml'), yaml)
  return {
    name,
    dir,
    cli: (args, input) => compose(['-p', name, ...args], { cwd: dir, ...(input === undefined ? {} : { input }) }),
    write(path, content) {
      const full = join(dir, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
      return full
    },
    async dispose() {
      await cleanup(name)
      if (process.env.KEEP_FAILED !== '1') rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `docker exec` for checks that must not depend on the code under test. */
export function dockerExec(container: string, cmd: readonly string[]): string {
  return execFileSync('docker', ['exec', container, ...cmd], { encoding: 'utf8' })
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'])
    return true
  } catch {
    return false
  }
}

export const BUSYBOX_SERVICE = 'image: busybox:latest\n    stop_grace_period: 1s\n    init: true'
