/**
 * With only a project name and no compose file (another directory, or the file gone), the
 * lifecycle commands find the project in the engine's labels, as docker compose's do.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'
import { createProject, idle } from './_project.ts'

const elsewhere = mkdtempSync(join(tmpdir(), 'compose-by-name-'))
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }))

describe('lifecycle commands with -p and no compose file', () => {
  it('stop, start, restart, pause, unpause, kill and down -v act on the project the engine holds', async () => {
    const p = createProject('byname', `services:\n  db:\n${idle()}    volumes: [data:/data]\n  web:\n${idle()}    depends_on: [db]\nvolumes:\n  data: {}\n`)
    try {
      expect(p.run(['up', '-d']).code).toBe(0)
      const cli = (...args: string[]) => compose(['-p', p.name, ...args], { cwd: elsewhere })
      const states = async () => (await p.containers()).map((c) => c.state)
      expect(cli('stop', '-t', '0')).toMatchObject({ code: 0 })
      expect(await states()).toEqual(['exited', 'exited'])
      expect(cli('start').code).toBe(0)
      expect(await states()).toEqual(['running', 'running'])
      expect(cli('pause', 'web').code).toBe(0)
      expect(await states()).toEqual(['running', 'paused'])
      expect(cli('unpause', 'web').code).toBe(0)
      expect(cli('restart', '-t', '0').code).toBe(0)
      expect(await states()).toEqual(['running', 'running'])
      expect(cli('kill', 'web').code).toBe(0)
      expect(await states()).toEqual(['running', 'exited'])
      const down = cli('down', '-v', '-t', '0')
      expect(down.code, down.stderr).toBe(0)
      expect(await p.containers()).toEqual([])
      expect(await p.networks()).toEqual([])
      expect(await p.volumes()).toEqual([])
      // nothing left: a clear error, not "no configuration file"
      const again = cli('stop')
      expect(again.code).toBe(1)
      expect(again.stderr).toContain(`nothing in the engine belongs to project "${p.name}"`)
    } finally {
      await p.cleanup()
    }
  })

  it('commands that need the compose file still say so', () => {
    const res = compose(['-p', 'byname-nofile', 'up', '-d'], { cwd: elsewhere })
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('no configuration file provided')
  })
})
