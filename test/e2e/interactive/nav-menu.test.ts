/**
 * Attached `up` on a terminal shows docker compose's navigation menu under the logs:
 * `d` detaches (the containers go on running, compose exits 0), `w` says that watch is not
 * configured when no service has `develop.watch`, and Ctrl-C, read as a key in raw mode, still
 * stops gracefully. `--menu=false` turns it off. Run under tmux, which gives a real terminal.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'
import { BUSYBOX_SERVICE, eventually, hasTmux, projectContainers, tempProject } from './_helpers.ts'

const yaml = `
services:
  talk:
    ${BUSYBOX_SERVICE}
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo line $$i; sleep 0.3; done"]
`

describe.runIf(hasTmux())('the navigation menu of attached up', () => {
  const p = tempProject('navmenu', yaml)
  const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' })
  const screen = (session: string): Promise<string> => Promise.resolve(tmux('capture-pane', '-t', session, '-p', '-J'))
  afterAll(() => p.dispose())

  /** Runs attached `up` in a tmux terminal; `then` acts on it; the session is killed afterwards. */
  async function inTerminal(args: string, then: (session: string) => Promise<void>): Promise<void> {
    const session = `${p.name}-${Math.random().toString(36).slice(2, 7)}`
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '30', `cd ${p.dir} && node ${REPO}bin/compose.cjs -p ${p.name} up ${args}; echo EXITED=$?; sleep 60`)
    try {
      await then(session)
    } finally {
      tmux('kill-session', '-t', session)
    }
  }

  it('stays under the logs; w says watch is not configured; d detaches and leaves the containers running', async () => {
    await inTerminal('', async (session) => {
      const shown = await eventually(() => screen(session), (s) => /line 3/.test(s) && s.includes('w Enable Watch   d Detach'), 20_000)
      // the menu is the last line written, below the logs
      const lines = shown.trimEnd().split('\n')
      expect(lines.at(-1)).toContain('w Enable Watch   d Detach')
      tmux('send-keys', '-t', session, 'w')
      await eventually(() => screen(session), (s) => s.includes('watch is not yet configured'), 10_000)
      tmux('send-keys', '-t', session, 'd')
      await eventually(() => screen(session), (s) => s.includes('EXITED=0'), 15_000)
    })
    expect((await projectContainers(p.name)).map((c) => c.state)).toEqual(['running'])
  })

  it('Ctrl-C, read as a key, stops gracefully; --menu=false shows no menu', async () => {
    await inTerminal('--menu=false', async (session) => {
      const shown = await eventually(() => screen(session), (s) => /line 3/.test(s), 20_000)
      expect(shown).not.toContain('d Detach')
      tmux('send-keys', '-t', session, 'd')
      await new Promise((r) => setTimeout(r, 500))
      expect(await screen(session)).not.toContain('EXITED=')
      tmux('send-keys', '-t', session, 'C-c')
      await eventually(() => screen(session), (s) => s.includes('EXITED=130'), 20_000)
    })
    await inTerminal('', async (session) => {
      await eventually(() => screen(session), (s) => s.includes('d Detach'), 20_000)
      tmux('send-keys', '-t', session, 'C-c')
      const done = await eventually(() => screen(session), (s) => s.includes('EXITED=130'), 20_000)
      expect(done).toContain('Gracefully stopping...')
    })
    expect((await projectContainers(p.name)).map((c) => c.state)).toEqual(['exited'])
  })
})
