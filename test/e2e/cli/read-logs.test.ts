import { afterEach, describe, expect, it } from 'vitest'
import { eventually } from '../helpers.ts'
import { readProject, type ReadProject } from './_read.ts'

let p: ReadProject
afterEach(async () => {
  await p.cleanup()
})

/** `say` prints a few lines and idles; `tick` prints a numbered line every 200 ms. */
const yaml = `services:
  say:
    image: busybox:latest
    command: ["sh", "-c", "echo one; echo two; echo three >&2; exec sleep 3600"]
    init: true
    stop_grace_period: 1s
    deploy:
      replicas: 2
  tick:
    image: busybox:latest
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 0.2; done"]
    init: true
    stop_grace_period: 1s
  hidden:
    image: busybox:latest
    command: ["sh", "-c", "echo hidden line; exec sleep 3600"]
    init: true
    attach: false
    stop_grace_period: 1s
`

function expectStdout(args: string[], expected: string): void {
  const res = p.cli(args)
  expect(res.stdout, `compose ${args.join(' ')}: ${res.stderr}`).toBe(expected)
}

async function settled(): Promise<void> {
  await eventually(() => {
    const res = p.cli(['logs', 'say', 'hidden'])
    const out = res.stdout + res.stderr
    if (out.split('\n').filter((l) => l.includes('three') || l.includes('hidden line')).length < 3) throw new Error(`not yet: ${out}`)
  }, { timeout: 20_000, interval: 300 })
}

describe('compose logs', () => {
  it('logs must print every container with its prefix; services, --tail, -t, --no-log-prefix, --index, --since, --until must select', async () => {
    p = readProject('logs', yaml)
    await p.up()
    await settled()
    const all = p.cli(['logs', 'say'])
    expect(all.code, all.stderr).toBe(0)
    const out = all.stdout + all.stderr
    for (const n of [1, 2]) {
      expect(all.stdout).toMatch(new RegExp(`^say-${n}  \\| one$`, 'm'))
      expect(all.stdout).toMatch(new RegExp(`^say-${n}  \\| two$`, 'm'))
      expect(out).toMatch(new RegExp(`^say-${n}  \\| three$`, 'm'))
    }
    // attach: false services only when named
    expect(p.cli(['logs']).stdout).not.toContain('hidden line')
    expectStdout(['logs', 'hidden'], 'hidden-1  | hidden line\n')
    expectStdout(['logs', '--no-log-prefix', 'hidden'], 'hidden line\n')
    expectStdout(['logs', '--tail', '1', 'hidden'], 'hidden-1  | hidden line\n')
    expectStdout(['logs', '-n', '0', 'hidden'], '')
    expect(p.cli(['logs', '-t', 'hidden']).stdout).toMatch(/^hidden-1 {2}\| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z hidden line\n$/)
    const index = p.cli(['logs', '--index', '2', 'say'])
    expect(index.stdout).toMatch(/^say-2 {2}\| one$/m)
    expect(index.stdout).not.toContain('say-1')
    expect(p.cli(['logs', '--index', '2']).stderr).toContain('--index requires one service')
    expectStdout(['logs', '--since', '1h', 'hidden'], 'hidden-1  | hidden line\n')
    expectStdout(['logs', '--since', '2099-01-01T00:00:00Z', 'hidden'], '')
    expectStdout(['logs', '--until', '2001-01-01', 'hidden'], '')
    expect(p.cli(['logs', '--since', 'soon', 'hidden']).stderr).toContain('failed to parse value as time or duration')
  })

  it('logs -f must show lines written after it started and end on its own when the container exits', async () => {
    p = readProject('logsf', yaml)
    await p.up()
    const follow = p.spawn(['logs', '-f', '--tail', '0', 'tick'])
    // --tail 0: every line seen was written after logs -f started
    await eventually(() => {
      if ((follow.output().stdout.match(/tick-1 +\| tick \d+/g) ?? []).length < 3) throw new Error(`waiting: ${JSON.stringify(follow.output())}`)
    }, { timeout: 30_000, interval: 100 })
    const stop = p.cli(['stop', '-t', '1', 'tick'])
    expect(stop.code, stop.stderr).toBe(0)
    const result = await follow.done
    expect(result.code, result.stderr).toBe(0)
    const numbers = [...result.stdout.matchAll(/tick (\d+)/g)].map((m) => Number(m[1]))
    // consecutive and increasing: nothing lost, nothing doubled
    expect(numbers.length).toBeGreaterThanOrEqual(3)
    numbers.forEach((n, i) => expect(n).toBe((numbers[0] ?? 0) + i))
  })

  it('logs -f must follow a container started after it, and stop on Ctrl-C', async () => {
    p = readProject('logsfnew', yaml)
    await p.up()
    expect(p.cli(['stop', '-t', '1', 'tick']).code).toBe(0)
    const follow = p.spawn(['logs', '-f', 'say', 'tick'])
    await eventually(() => {
      if (!/say-2 +\| two/.test(follow.output().stdout)) throw new Error('waiting for say')
    }, { timeout: 30_000 })
    const before = (follow.output().stdout.match(/tick \d+/g) ?? []).length
    expect(p.cli(['start', 'tick']).code).toBe(0)
    await eventually(() => {
      if ((follow.output().stdout.match(/tick \d+/g) ?? []).length < before + 3) throw new Error('waiting for new tick lines')
    }, { timeout: 30_000, interval: 100 })
    follow.kill('SIGINT')
    const result = await follow.done
    expect(result.code).toBe(130)
  })
})
