import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerExec, engineUp, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  reader:
    image: busybox:latest
    command: ["sh", "-c", "read line; echo got $$line; exit 6"]
    stdin_open: true
`

describe('attach, stats, commit, export', () => {
  const p = tempProject('e2eimisc', yaml)
  beforeAll(() => {
    const up = p.cli(['up', '-d'])
    if (up.code !== 0) throw new Error(up.stderr)
  })
  afterAll(async () => {
    execFileSync('docker', ['rmi', '-f', `${p.name}-snapshot:v1`])
    await p.dispose()
  })

  it('attach must send stdin to the main process, show its output and pass its exit code', () => {
    const res = p.cli(['attach', 'reader'], 'hello\n')
    expect(res.stdout).toBe('got hello\n')
    expect(res.code).toBe(6)
  })

  it('stats --no-stream must print one row per running container, as a table, JSON or a template', () => {
    const table = p.cli(['stats', '--no-stream'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/^CONTAINER ID\s+NAME\s+CPU %/)
    expect(table.stdout).toContain(`${p.name}-web-1`)
    const json = p.cli(['stats', '--no-stream', '--format', 'json', 'web'])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ Name: `${p.name}-web-1`, PIDs: expect.stringMatching(/^\d+$/), CPUPerc: expect.stringMatching(/%$/) })
    const templated = p.cli(['stats', '--no-stream', '--format', '{{.Name}}={{.PIDs}}', 'web'])
    expect(templated.stdout, templated.stderr).toMatch(new RegExp(`^${p.name}-web-1=\\d+\\n$`))
  })

  it('commit must create an image from the container; export must write its file system as a tar', () => {
    dockerExec(`${p.name}-web-1`, ['sh', '-c', 'echo committed > /marker'])
    const commit = p.cli(['commit', '-m', 'snapshot', '-c', 'ENV FROM_COMMIT=1', 'web', `${p.name}-snapshot:v1`])
    expect(commit.code, commit.stderr).toBe(0)
    expect(commit.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/)
    const out = execFileSync('docker', ['run', '--rm', `${p.name}-snapshot:v1`, 'sh', '-c', 'cat /marker; echo $FROM_COMMIT'], { encoding: 'utf8' })
    expect(out).toBe('committed\n1\n')
    const exported = p.cli(['export', '-o', 'fs.tar', 'web'])
    expect(exported.code, exported.stderr).toBe(0)
    const listing = execFileSync('tar', ['-tf', join(p.dir, 'fs.tar')], { encoding: 'utf8' }).split('\n')
    expect(listing).toContain('marker')
    expect(listing).toContain('bin/sh')
  })
})
