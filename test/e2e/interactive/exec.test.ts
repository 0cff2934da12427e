import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'
import { engineUp, eventually, hasTmux, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    scale: 2
    environment:
      SVC: web
`

describe('exec', () => {
  const p = tempProject('e2eiexec', yaml)
  beforeAll(() => {
    const up = p.cli(['up', '-d'])
    if (up.code !== 0) throw new Error(up.stderr)
  })
  afterAll(() => p.dispose())

  it('exec with piped stdin must return what cat echoed and the command exit code', () => {
    const res = p.cli(['exec', '-T', 'web', 'sh', '-c', 'cat; exit 5'], 'hello\nworld\n')
    expect(res.stdout).toBe('hello\nworld\n')
    expect(res.code).toBe(5)
  })

  it('exec must read stdin redirected from a file byte for byte, and from /dev/null as an immediate EOF', () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919 + (i >> 8)) % 256)
    const file = p.write('stdin.bin', bytes)
    const sh = (command: string, redirect: string): string =>
      execFileSync('sh', ['-c', `node ${REPO}bin/compose.cjs -p ${p.name} exec -T web sh -c '${command}' ${redirect}`], { cwd: p.dir, encoding: 'utf8' })
    expect(sh('md5sum; echo done', `< ${file}`)).toBe(`${createHash('md5').update(bytes).digest('hex')}  -\ndone\n`)
    expect(sh('wc -c; echo done', '< /dev/null').split(/\s+/).filter(Boolean)).toEqual(['0', 'done'])
  })

  it('exec must keep stdout and stderr apart without a TTY, and apply -e, -w, -u, --index, --privileged', () => {
    const res = p.cli(['exec', '-T', '-e', 'X=1', '-w', '/etc', '-u', 'nobody', '--index', '2', 'web', 'sh', '-c', 'echo "$X $SVC $(pwd) $(id -un) $(hostname)"; echo oops >&2'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toMatch(/^1 web \/etc nobody [0-9a-f]{12}\n$/)
    expect(res.stderr).toContain('oops')
    const caps = (extra: string[]) => p.cli(['exec', '-T', ...extra, 'web', 'sh', '-c', 'grep CapEff /proc/self/status'])
    const plain = caps([])
    expect(plain.stdout).toMatch(/^CapEff:\s+[0-9a-f]+\n$/)
    const privileged = caps(['--privileged'])
    // a sandboxed engine may refuse to grant every capability; either way the flag reached it
    if (privileged.code === 0) expect(privileged.stdout).not.toBe(plain.stdout)
    else expect(privileged.stdout + privileged.stderr).toContain('caps')
  })

  it('exec -d must start the command and return at once', async () => {
    const res = p.cli(['exec', '-d', 'web', 'sh', '-c', 'sleep 1; echo done > /tmp/detached'])
    expect(res.code, res.stderr).toBe(0)
    await eventually(async () => p.cli(['exec', '-T', 'web', 'cat', '/tmp/detached']).stdout, (out) => out === 'done\n', 10_000)
  })

  it('exec on a service without a running container must fail with a clear message', () => {
    const res = p.cli(['exec', '-T', '--index', '9', 'web', 'true'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('service "web" is not running container #9')
  })

  it('a TTY session under tmux must show a prompt, run a command, follow the window size and pass the exit code', async () => {
    const session = `${p.name}-tty`
    const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' })
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `cd ${p.dir} && node ${REPO}bin/compose.cjs -p ${p.name} exec web sh; echo EXITED=$?; sleep 60`)
    try {
      await eventually(async () => tmux('capture-pane', '-t', session, '-p'), (screen) => /^\/ #/m.test(screen), 15_000)
      tmux('send-keys', '-t', session, 'echo hi; stty size', 'Enter')
      const screen = await eventually(async () => tmux('capture-pane', '-t', session, '-p'), (s) => /^hi$/m.test(s) && /^30 100$/m.test(s), 10_000)
      expect(screen).toMatch(/^\/ # echo hi; stty size$/m)
      tmux('resize-window', '-t', session, '-x', '90', '-y', '25')
      await new Promise((r) => setTimeout(r, 300))
      tmux('send-keys', '-t', session, 'stty size', 'Enter')
      await eventually(async () => tmux('capture-pane', '-t', session, '-p'), (s) => /^25 90$/m.test(s), 10_000)
      tmux('send-keys', '-t', session, 'exit 4', 'Enter')
      await eventually(async () => tmux('capture-pane', '-t', session, '-p'), (s) => s.includes('EXITED=4'), 10_000)
    } finally {
      tmux('kill-session', '-t', session)
    }
  })
})
