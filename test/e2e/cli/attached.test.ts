import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'
import { createProject, idle, until, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
  expect(await p.containers()).toEqual([])
})

/** A service that prints and exits with `code` after `delay` seconds. */
const job = (text: string, code: number, delay = 0, extra = '') => `    image: busybox:latest\n    command: ["sh", "-c", "echo ${text}; sleep ${delay}; echo ${text} done >&2; exit ${code}"]\n    init: true\n${extra}`

describe('attached compose up', () => {
  it('must print "Attaching to" and prefixed interleaved output, and return when every container exited', async () => {
    p = createProject('attach', `services:\n  short:\n${job('one', 0)}  longer-name:\n${job('two', 5, 1)}`)
    const res = p.run(['up'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('Attaching to longer-name-1, short-1\n')
    expect(res.stdout).toContain('short-1        | one\n')
    expect(res.stdout).toContain('longer-name-1  | two\n')
    expect(res.stderr).toContain('longer-name-1  | two done\n')
    expect(res.stdout).toContain('short-1 exited with code 0\n')
    expect(res.stdout).toContain('longer-name-1 exited with code 5\n')
    expect(res.stdout).not.toContain('\u001b[')
    expect((await p.containers()).map((c) => c.state)).toEqual(['exited', 'exited'])
  })

  it('--no-log-prefix, --timestamps, --no-color and --ansi always', async () => {
    p = createProject('format', `services:\n  web:\n${job('hi', 0)}`)
    expect(p.run(['up', '--no-log-prefix']).stdout).toMatch(/^hi$/m)
    expect(p.run(['up', '--timestamps']).stdout).toMatch(/^web-1 {2}\| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z hi$/m)
    // the tests' runs set NO_COLOR=1, which forces colours off whatever --ansi says (as docker compose)
    const colored = p.run(['--ansi', 'always', 'up'], { env: { NO_COLOR: '' } })
    expect(colored.stdout).toContain('\u001b[36mweb-1  | \u001b[0mhi')
    expect(p.run(['--ansi', 'always', 'up', '--no-color'], { env: { NO_COLOR: '' } }).stdout).toContain('web-1  | hi')
    expect(p.run(['--ansi', 'always', 'up']).stdout).not.toContain('\u001b[')
    expect(p.run(['up'], { env: { NO_COLOR: '', COMPOSE_ANSI: 'always' } }).stdout).toContain('\u001b[36mweb-1  | \u001b[0mhi')
  })

  it('a service whose logging driver keeps nothing to read (none) is attached to instead', async () => {
    p = createProject('nolog', `services:\n  web:\n    image: busybox:latest\n    command: ["sh", "-c", "sleep 3; echo hello-none; sleep 1"]\n    init: true\n    logging: { driver: none }\n`)
    const res = p.run(['up'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('web-1  | hello-none\n')
    expect(res.stdout + res.stderr).not.toContain('cannot read the output')
  })

  it('--attach, --no-attach, --attach-dependencies and `attach: false` choose whose output is shown', async () => {
    p = createProject('select', `services:\n  app:\n${job('app-out', 0)}    depends_on: [dep]\n  dep:\n${job('dep-out', 0)}  quiet:\n${job('quiet-out', 0, 0, '    attach: false\n')}`)
    const all = p.run(['up'])
    expect(all.stdout).toContain('Attaching to app-1, dep-1\n')
    expect(all.stdout).not.toContain('quiet-out')
    const only = p.run(['up', '--attach', 'dep'])
    expect(only.stdout).toContain('Attaching to dep-1\n')
    expect(only.stdout).not.toContain('app-out')
    expect(p.run(['up', '--no-attach', 'dep']).stdout).toContain('Attaching to app-1\n')
    expect(p.run(['up', 'app']).stdout).toContain('Attaching to app-1\n')
    expect(p.run(['up', 'app', '--attach-dependencies']).stdout).toContain('Attaching to app-1, dep-1\n')
    expect(p.run(['up', '--attach', 'nope']).stderr).toContain('cannot attach to services not included in up: nope')
  })

  it('--abort-on-container-exit stops the others and returns the first exit code', async () => {
    p = createProject('abort', `services:\n  fails:\n${job('bye', 3, 1)}  runs:\n${idle()}`)
    const res = p.run(['up', '--abort-on-container-exit'])
    expect(res.code, res.stderr).toBe(3)
    expect(res.stdout).toContain('Aborting on container exit...')
    expect((await p.containers()).map((c) => c.state)).toEqual(['exited', 'exited'])
  })

  it('--exit-code-from returns that service code: 143 when the abort stopped it', async () => {
    p = createProject('exitfrom', `services:\n  first:\n${job('x', 0, 1)}  server:\n${idle()}`)
    expect(p.run(['up', '--exit-code-from', 'server']).code).toBe(143)
    expect(p.run(['up', '--exit-code-from', 'first']).code).toBe(0)
    p.write(`services:\n  first:\n${job('x', 7, 1)}  server:\n${idle()}`)
    expect(p.run(['up', '--exit-code-from', 'first']).code).toBe(7)
    expect(p.run(['up', '--exit-code-from', 'nope']).stderr).toContain('no such service: nope')
  })

  it('--abort-on-container-failure ignores clean exits and returns the failing code', async () => {
    p = createProject('failure', `services:\n  ok:\n${job('ok', 0)}  bad:\n${job('bad', 2, 2)}  server:\n${idle()}`)
    const res = p.run(['up', '--abort-on-container-failure'])
    expect(res.code, res.stderr).toBe(2)
    expect(res.stdout).toContain('ok-1 exited with code 0')
    expect(res.stdout).toContain('server-1 exited with code 143')
  })

  it('follows a container restarted by its restart policy', async () => {
    p = createProject('restart', `services:\n  flaky:\n    image: busybox:latest\n    command: ["sh", "-c", "echo attempt; exit 1"]\n    restart: on-failure:2\n`)
    const res = p.run(['up'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout.match(/flaky-1 {2}\| attempt/g)?.length).toBe(3)
    expect(res.stdout).toContain("flaky-1 exited with code 1 (restarting)")
    expect(res.stdout).not.toContain("exited with code 0")
    expect(res.stdout).toMatch(/flaky-1 exited with code 1\n/)
  })

  it('Ctrl-C (SIGINT) stops gracefully, exits 130, and a rerun converges', async () => {
    p = createProject('sigint', `services:\n  web:\n    image: busybox:latest\n    command: ["sh", "-c", "echo ready; sleep 3600"]\n    init: true\n  db:\n${idle()}`)
    const up = p.spawn(['up'])
    await until(() => up.output().stdout.includes('web-1  | ready'), 30_000, 'the first log line')
    up.kill('SIGINT')
    const res = await up.done
    expect(res.code).toBe(130)
    expect(res.stdout).toContain('Gracefully stopping... (press Ctrl+C again to force)')
    expect((await p.containers()).map((c) => c.state)).toEqual(['exited', 'exited'])
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.state)).toEqual(['running', 'running'])
  })

  it('a second Ctrl-C kills what the graceful stop still waits for', async () => {
    // `sh` as PID 1 ignores SIGTERM: a graceful stop would wait the whole stop_grace_period
    p = createProject('force', `services:\n  stubborn:\n    image: busybox:latest\n    command: ["sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"]\n    stop_grace_period: 60s\n`)
    const up = p.spawn(['up'])
    await until(() => up.output().stdout.includes('stubborn-1  | ready'), 30_000, 'the first log line')
    const began = Date.now()
    up.kill('SIGINT')
    await until(() => up.output().stdout.includes('Gracefully stopping...'), 30_000, 'the graceful stop')
    up.kill('SIGINT')
    const res = await up.done
    expect(res.code).toBe(130)
    expect(res.stdout).toContain('Killing...')
    expect(Date.now() - began).toBeLessThan(30_000)
    await until(async () => (await p.containers()).every((c) => c.state === 'exited'), 30_000, 'the container killed')
  })

  it('Ctrl-C in the middle of up exits 130; a rerun converges', async () => {
    const file = (cond: string) => `services:\n  web:\n${idle()}    depends_on:\n      db: { condition: service_healthy }\n  db:\n${idle()}    healthcheck: { test: ["CMD", "${cond}"], interval: 1s, retries: 60 }\n`
    p = createProject('midup', file('false'))
    const up = p.spawn(['up', '-d'])
    await until(async () => (await p.containers()).some((c) => c.state === 'running'), 30_000, 'db running')
    up.kill('SIGINT')
    expect((await up.done).code).toBe(130)
    p.write(file('true'))
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.state)).toEqual(['running', 'running'])
  })

  it('under a terminal (tmux): coloured prefixes, Ctrl-C exits 130', async () => {
    p = createProject('tty', `services:\n  web:\n    image: busybox:latest\n    command: ["sh", "-c", "echo ready; sleep 3600"]\n    init: true\n`)
    const session = p.name
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' })
    tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', `cd ${p.dir} && COMPOSE_PROJECT_NAME=${p.name} node ${REPO}bin/compose.cjs up; echo EXIT=$?; sleep 60`)
    try {
      await until(() => tmux('capture-pane', '-p', '-t', session).includes('web-1  | ready'), 30_000, 'output in tmux')
      expect(tmux('capture-pane', '-p', '-e', '-t', session)).toMatch(/\u001b\[36mweb-1 {2}\| /)
      tmux('send-keys', '-t', session, 'C-c')
      await until(() => tmux('capture-pane', '-p', '-t', session).includes('EXIT='), 30_000, 'exit')
      const screen = tmux('capture-pane', '-p', '-t', session)
      expect(screen).toContain('Gracefully stopping...')
      expect(screen).toContain('EXIT=130')
    } finally {
      tmux('kill-session', '-t', session)
    }
  })
})
