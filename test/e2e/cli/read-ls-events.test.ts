import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'
import { eventually } from '../helpers.ts'
import { idle, readProject, spawnCli, type ReadProject } from './_read.ts'

let projects: ReadProject[] = []
afterEach(async () => {
  for (const p of projects) await p.cleanup()
  projects = []
})

const nowhere = (): string => mkdtempSync(join(tmpdir(), 'read-ls-'))

describe('compose ls', () => {
  it('ls must list projects from labels with a status summary and config files; -a, -q, --filter, --format json', async () => {
    const a = readProject('lsa', `services:\n  web:\n${idle()}  db:\n${idle()}`)
    const b = readProject('lsb', `services:\n  web:\n${idle()}`)
    projects = [a, b]
    await a.up()
    await b.up()
    expect(b.cli(['stop', '-t', '0']).code).toBe(0)
    expect(a.cli(['stop', '-t', '0', 'db']).code).toBe(0)
    const filter = ['--filter', `name=${a.name.replace(/-lsa-.*/, '')}`]
    const table = compose(['ls', ...filter], { cwd: nowhere() })
    expect(table.code, table.stderr).toBe(0)
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+CONFIG FILES$/)
    const row = lines.find((l) => l.startsWith(a.name))
    expect(row).toMatch(new RegExp(`^${a.name}\\s+running\\(1\\)\\s+${join(a.dir, 'compose.yaml')}$`))
    expect(lines.some((l) => l.startsWith(b.name))).toBe(false)

    const json = JSON.parse(compose(['ls', '-a', '--format', 'json', ...filter], { cwd: nowhere() }).stdout) as { Name: string; Status: string; ConfigFiles: string }[]
    expect(json.find((s) => s.Name === a.name)).toEqual({ Name: a.name, Status: 'exited(1), running(1)', ConfigFiles: join(a.dir, 'compose.yaml') })
    expect(json.find((s) => s.Name === b.name)?.Status).toBe('exited(1)')

    const quiet = compose(['ls', '-a', '-q', '--filter', `name=^${b.name}$`], { cwd: nowhere() })
    expect(quiet.stdout).toBe(`${b.name}\n`)
    expect(compose(['ls', '--filter', 'status=running'], { cwd: nowhere() }).stderr).toContain("invalid filter 'status'")
    expect(compose(['ls', '--format', 'yaml'], { cwd: nowhere() }).code).toBe(1)
  })
})

describe('compose events', () => {
  it('events must stream the project container events (text and --json) until Ctrl-C', async () => {
    const p = readProject('events', `services:\n  web:\n${idle()}  db:\n${idle()}`)
    projects = [p]
    await p.up()
    const text = p.spawn(['events'])
    const json = spawnCli(['events', '--json', 'web'], p.dir, { COMPOSE_PROJECT_NAME: p.name })
    // both subscribed: a first restart is seen by both, then the real check
    await eventually(() => {
      expect(p.cli(['restart', '-t', '0', 'web']).code).toBe(0)
      if (!text.output().stdout.includes(' container restart ') || !json.output().stdout.includes('"action":"restart"')) throw new Error('not subscribed yet')
    }, { timeout: 40_000, interval: 500 })
    expect(p.cli(['kill', 'db']).code).toBe(0)
    await eventually(() => {
      if (!text.output().stdout.includes(' container die ')) throw new Error('no die yet')
    }, { timeout: 20_000 })
    text.kill('SIGINT')
    json.kill('SIGINT')
    const [t, j] = await Promise.all([text.done, json.done])
    expect(t.code).toBe(130)
    expect(t.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} container (kill|die|stop|start|restart) [0-9a-f]{64} \(.*name=/m)
    expect(t.stdout).not.toContain('com.docker.compose.')
    const events = j.stdout.trim().split('\n').map((l) => JSON.parse(l) as { action: string; service: string; type: string; id: string; time: string; attributes: Record<string, string> })
    expect(events.length).toBeGreaterThan(0)
    for (const e of events) {
      expect(e.service).toBe('web')
      expect(e.type).toBe('container')
      expect(e.id).toMatch(/^[0-9a-f]{64}$/)
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/)
      expect(e.attributes.name).toBe(`${p.name}-web-1`)
    }
    expect(events.map((e) => e.action)).toContain('restart')
    // --since replays, --until ends by itself
    const replay = p.cli(['events', '--json', '--since', '5m', '--until', '0s', 'db'])
    expect(replay.code, replay.stderr).toBe(0)
    expect(replay.stdout).toContain('"action":"die"')
  })
})
