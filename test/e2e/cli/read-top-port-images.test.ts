import { afterEach, describe, expect, it } from 'vitest'
import { idle, readProject, type ReadProject } from './_read.ts'

let p: ReadProject
afterEach(async () => {
  await p.cleanup()
})

const yaml = `services:
  web:
${idle('    ports: ["127.0.0.1::80", "127.0.0.1::53/udp"]\n    deploy:\n      replicas: 2\n')}  db:
${idle()}`

describe('compose top, port, images', () => {
  it('top must show the processes of every running container in one table', async () => {
    p = readProject('top', yaml)
    await p.up()
    const top = p.cli(['top'])
    expect(top.code, top.stderr).toBe(0)
    const lines = top.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^SERVICE\s+#\s+UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/)
    const sleeps = lines.filter((l) => l.endsWith(' sleep 3600') && !l.includes('docker-init'))
    expect(sleeps.map((l) => l.split(/\s+/).slice(0, 2).join(' ')).sort()).toEqual(['db 1', 'web 1', 'web 2'])
    const web = p.cli(['top', 'web']).stdout
    expect(web).not.toMatch(/^db /m)
    expect(p.cli(['top', 'nope']).code).not.toBe(0)
  })

  it('port must print the published address; --index and --protocol must select', async () => {
    p = readProject('port', yaml)
    await p.up()
    const first = p.cli(['port', 'web', '80'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^127\.0\.0\.1:\d+\n$/)
    const second = p.cli(['port', '--index', '2', 'web', '80'])
    expect(second.stdout).toMatch(/^127\.0\.0\.1:\d+\n$/)
    expect(second.stdout).not.toBe(first.stdout)
    expect(p.cli(['port', '--protocol', 'udp', 'web', '53']).stdout).toMatch(/^127\.0\.0\.1:\d+\n$/)
    const notPublished = p.cli(['port', 'web', '81'])
    expect(notPublished.code).toBe(1)
    expect(notPublished.stderr).toContain(`no port 81/tcp for container ${p.name}-web-1`)
    expect(p.cli(['port', 'web', '80', '--index', '3']).stderr).toContain('service "web" is not running container #3')
    expect(p.cli(['port', 'db']).code).toBe(1)
  })

  it('images must list the image of every container: table, json, -q', async () => {
    p = readProject('images', yaml)
    await p.up()
    const table = p.cli(['images'])
    expect(table.code, table.stderr).toBe(0)
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^CONTAINER\s+REPOSITORY\s+TAG\s+PLATFORM\s+IMAGE ID\s+SIZE\s+CREATED$/)
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([`${p.name}-db-1`, `${p.name}-web-1`, `${p.name}-web-2`])
    expect(lines[1]).toMatch(/\s+linux\/\w+\s+[0-9a-f]{12}\s+\d[\d.]*[kMG]?B\s+.* ago$/)
    const rows = JSON.parse(p.cli(['images', '--format', 'json']).stdout) as { ContainerName: string; ID: string; Size: number; Platform: string }[]
    expect(rows.map((r) => r.ContainerName)).toEqual([`${p.name}-db-1`, `${p.name}-web-1`, `${p.name}-web-2`])
    for (const r of rows) {
      expect(r.ID).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(r.Size).toBeGreaterThan(0)
    }
    const ids = p.cli(['images', '-q']).stdout.trim().split('\n')
    expect(ids).toEqual([rows[0]?.ID.slice('sha256:'.length)])
    expect(p.cli(['images', 'db', '--format', 'json']).stdout).toContain(`${p.name}-db-1`)
    expect(p.cli(['images', 'db', '--format', 'json']).stdout).not.toContain(`${p.name}-web-1`)
  })
})

describe('compose volumes', () => {
  it('lists the project volumes (table, -q, json, a template); services narrow it to what they mount', async () => {
    p = readProject('vols', `services:\n  web:\n${idle('    volumes: [data:/data]\n')}  db:\n${idle('    volumes: [dbdata:/var/db]\n')}volumes:\n  data: {}\n  dbdata: {}\n`)
    await p.up()
    const table = p.cli(['volumes'])
    expect(table.code, table.stderr).toBe(0)
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^DRIVER\s+VOLUME NAME$/)
    expect(lines.slice(1).map((l) => l.split(/\s+/).join(' '))).toEqual([`local ${p.name}_data`, `local ${p.name}_dbdata`])
    expect(p.cli(['volumes', '-q', 'db']).stdout).toBe(`${p.name}_dbdata\n`)
    const json = p.cli(['volumes', '--format', 'json', 'web']).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>)
    expect(json).toEqual([expect.objectContaining({ Name: `${p.name}_data`, Driver: 'local', Scope: 'local', Size: 'N/A' })])
    expect(p.cli(['volumes', '--format', '{{.Name}} on {{.Driver}}']).stdout).toBe(`${p.name}_data on local\n${p.name}_dbdata on local\n`)
    expect(p.cli(['volumes', 'nope']).code).not.toBe(0)
  })
})
