/**
 * On a terminal, `up` asks before it recreates a volume whose configuration changed, as docker
 * compose does: "no" keeps the volume and its data, "yes" recreates it (and the container that
 * mounts it). Run under tmux, which gives the CLI a real terminal.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'
import { BUSYBOX_SERVICE, eventually, hasTmux, projectContainers, tempProject } from './_helpers.ts'

const yaml = (label: string): string => `
services:
  app:
    ${BUSYBOX_SERVICE}
    command: ["sleep", "3600"]
    volumes: ["data:/data"]
volumes:
  data:
    labels: { version: "${label}" }
`

describe.runIf(hasTmux())('up asks on a terminal before recreating a changed volume', () => {
  const p = tempProject('volprompt', yaml('1'))
  const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' })

  /** Runs `up -d` in a tmux terminal, answers the question, and returns the screen once it exited. */
  async function upAnswering(answer: string): Promise<string> {
    const session = `${p.name}-${answer}`
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '30', `cd ${p.dir} && node ${REPO}bin/compose.cjs -p ${p.name} up -d; echo EXITED=$?; sleep 60`)
    try {
      await eventually(async () => tmux('capture-pane', '-t', session, '-p'), (s) => s.includes('Recreate (data will be lost)? [y/N]'), 15_000)
      tmux('send-keys', '-t', session, answer, 'Enter')
      return await eventually(async () => tmux('capture-pane', '-t', session, '-p', '-J'), (s) => s.includes('EXITED='), 20_000)
    } finally {
      tmux('kill-session', '-t', session)
    }
  }

  beforeAll(() => {
    expect(p.cli(['up', '-d']).code).toBe(0)
    expect(p.cli(['exec', '-T', 'app', 'sh', '-c', 'echo precious > /data/marker']).code).toBe(0)
    p.write('compose.yaml', yaml('2'))
  })
  afterAll(() => p.dispose())

  it('"n" keeps the volume, its data and the container', async () => {
    const [before] = await projectContainers(p.name)
    const screen = await upAnswering('n')
    expect(screen).toContain(`Volume "${p.name}_data" exists but doesn't match configuration in compose file. Recreate (data will be lost)? [y/N]`)
    expect(screen).toContain('EXITED=0')
    expect((await projectContainers(p.name))[0]?.id).toBe(before?.id)
    expect(p.cli(['exec', '-T', 'app', 'cat', '/data/marker']).stdout).toBe('precious\n')
  })

  it('"y" recreates the volume and the container', async () => {
    const [before] = await projectContainers(p.name)
    const screen = await upAnswering('y')
    expect(screen).toContain('EXITED=0')
    const [after] = await projectContainers(p.name)
    expect(after?.id).not.toBe(before?.id)
    expect(after?.state).toBe('running')
    expect(p.cli(['exec', '-T', 'app', 'ls', '/data']).stdout).toBe('')
    // nothing left to ask
    const again = p.cli(['up', '-d'])
    expect(again.code).toBe(0)
    expect(again.stderr).not.toContain("doesn't match")
  })
})
