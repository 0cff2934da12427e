import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'
import { eventually } from '../helpers.ts'
import { client, firstColumn, idle, readProject, type ReadProject } from './_read.ts'
import { listContainers } from '../../../core/engine/index.ts'

let p: ReadProject
afterEach(async () => {
  await p.cleanup()
})

const yaml = `services:
  web:
${idle('    ports: ["127.0.0.1::80"]\n')}  db:
${idle('    deploy:\n      replicas: 2\n')}  job:
    image: busybox:latest
    command: ["sh", "-c", "exit 3"]
`

async function upAndSettle(): Promise<void> {
  await p.up()
  // job exits on its own
  await eventually(async () => {
    const job = (await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${p.name}`, 'com.docker.compose.service=job'] } }))[0]
    if (job?.State !== 'exited') throw new Error('job still running')
  }, { timeout: 20_000 })
}

describe('compose ps', () => {
  it('ps must list the running containers in docker compose columns; -a, -q, --services, --status, --filter must select', async () => {
    p = readProject('ps', yaml)
    await upAndSettle()
    const ps = p.cli(['ps'])
    expect(ps.code, ps.stderr).toBe(0)
    const lines = ps.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/)
    expect(firstColumn(ps.stdout)).toEqual([`${p.name}-db-1`, `${p.name}-db-2`, `${p.name}-web-1`])
    expect(lines[3]).toMatch(/"sleep 3600"\s+web\s+.* ago\s+Up .*127\.0\.0\.1:\d+->80\/tcp$/)
    // columns are aligned: every row starts its IMAGE cell where the header does
    const at = (lines[0] ?? '').indexOf('IMAGE')
    for (const l of lines.slice(1)) expect(l.slice(at - 3, at)).toBe('   ')

    expect(firstColumn(p.cli(['ps', '-a']).stdout)).toEqual([`${p.name}-db-1`, `${p.name}-db-2`, `${p.name}-job-1`, `${p.name}-web-1`])
    const ids = p.cli(['ps', '-q']).stdout.trim().split('\n')
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(p.cli(['ps', '-a', '--services']).stdout).toBe('db\njob\nweb\n')
    expect(firstColumn(p.cli(['ps', '--status', 'exited']).stdout)).toEqual([`${p.name}-job-1`])
    expect(firstColumn(p.cli(['ps', '--status', 'exited', '--status', 'running']).stdout)).toHaveLength(4)
    expect(firstColumn(p.cli(['ps', '--filter', 'status=exited']).stdout)).toEqual([`${p.name}-job-1`])
    expect(p.cli(['ps', 'db', '--services']).stdout).toBe('db\n')
    const bad = p.cli(['ps', 'nope'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('no such service: nope')
    expect(p.cli(['ps', '--filter', 'name=x']).stderr).toContain('unknown filter name')
  })

  it('--format json/template/table and --no-trunc must follow docker compose', async () => {
    p = readProject('psfmt', yaml.replace('exit 3', 'echo a really long command line here; exit 3'))
    await upAndSettle()
    const json = p.cli(['ps', '-a', '--format', 'json'])
    expect(json.code, json.stderr).toBe(0)
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(rows.map((r) => r.Service)).toEqual(['db', 'db', 'job', 'web'])
    const job = rows[2] as Record<string, unknown>
    expect(job).toMatchObject({ State: 'exited', ExitCode: 3, Project: p.name, Name: `${p.name}-job-1` })
    const web = rows[3] as { Publishers: { URL: string; TargetPort: number; PublishedPort: number; Protocol: string }[] }
    expect(web.Publishers[0]).toMatchObject({ URL: '127.0.0.1', TargetPort: 80, Protocol: 'tcp' })
    expect(p.cli(['ps', '--format', '{{.Service}}:{{.State}}']).stdout).toBe('db:running\ndb:running\nweb:running\n')
    expect(p.cli(['ps', 'web', '--format', '{{.Label "com.docker.compose.service"}} {{.Name | upper}}']).stdout).toBe(`web ${p.name.toUpperCase()}-WEB-1\n`)
    const table = p.cli(['ps', '--format', 'table {{.Service}}\\t{{.State}}'])
    expect(table.stdout.split('\n')[0]).toMatch(/^SERVICE\s+STATE$/)
    expect(p.cli(['ps', '-a', 'job']).stdout).toContain('"sh -c \'echo a reall…"')
    expect(p.cli(['ps', '-a', '--no-trunc', 'job']).stdout).toContain('"sh -c \'echo a really long command line here; exit 3\'"')
    const badTemplate = p.cli(['ps', '--format', '{{.Nope}}'])
    expect(badTemplate.code).toBe(1)
    expect(badTemplate.stderr).toContain("can't evaluate field Nope")
  })

  it('orphans must be listed unless --orphans=false; -p alone (no compose file) must work from labels', async () => {
    p = readProject('psorph', yaml)
    await upAndSettle()
    p.write(`services:\n  web:\n${idle('    ports: ["127.0.0.1::80"]\n')}  job:\n    image: busybox:latest\n    command: ["sh", "-c", "exit 3"]\n`)
    expect(firstColumn(p.cli(['ps']).stdout)).toEqual([`${p.name}-db-1`, `${p.name}-db-2`, `${p.name}-web-1`])
    expect(firstColumn(p.cli(['ps', '--orphans=false']).stdout)).toEqual([`${p.name}-web-1`])
    const empty = mkdtempSync(join(tmpdir(), 'read-ps-nofile-'))
    const byName = compose(['-p', p.name, 'ps', '-a', '--services'], { cwd: empty })
    expect(byName.code, byName.stderr).toBe(0)
    expect(byName.stdout).toBe('db\njob\nweb\n')
  })

  it('ps must list the same containers as docker-compose v1 ps', async () => {
    p = readProject('psv1', yaml.replace(idle('    deploy:\n      replicas: 2\n'), idle('    scale: 2\n')))
    await upAndSettle()
    const ours = p.cli(['ps', '-a', '-q']).stdout.trim().split('\n').sort()
    const v1 = spawnSync('docker-compose', ['-p', p.name, 'ps', '-q'], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, COMPOSE_PROJECT_NAME: p.name } })
    expect(v1.status, v1.stderr).toBe(0)
    expect(v1.stdout.trim().split('\n').sort()).toEqual(ours)
    const v1Services = spawnSync('docker-compose', ['-p', p.name, 'ps', '--services'], { cwd: p.dir, encoding: 'utf8' })
    expect(v1Services.stdout.trim().split('\n').sort()).toEqual(p.cli(['ps', '-a', '--services']).stdout.trim().split('\n'))
  })
})
