import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
  expect(await p.containers()).toEqual([])
})

// v1 needs a file version it knows; stop_grace_period keeps `down` quick for both tools
const yaml = `version: "3.8"\nservices:\n  web:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n  db:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`

function v1(project: TestProject, args: string[]): string {
  return execFileSync('docker-compose', ['-f', project.file, '-p', project.name, ...args], { cwd: project.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COMPOSE_PROJECT_NAME: project.name } })
}

describe('interop with docker-compose v1.29.2 on the same file', () => {
  it('a project we brought up is listed and taken down by docker-compose', async () => {
    p = createProject('v1a', yaml)
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    const ps = v1(p, ['ps'])
    expect(ps).toContain(`${p.name}-web-1`)
    expect(ps).toContain(`${p.name}-db-1`)
    expect(ps.match(/\bUp\b/g)?.length).toBe(2)
    const ids = v1(p, ['ps', '-q']).trim().split('\n').sort()
    expect(ids).toEqual((await p.containers()).map((c) => c.id).sort())
    v1(p, ['down', '-t', '1'])
    expect(await p.containers()).toEqual([])
    expect(await p.networks()).toEqual([])
  })

  it('a project brought up by docker-compose is converged, listed by label and taken down by us', async () => {
    p = createProject('v1b', yaml)
    v1(p, ['up', '-d'])
    const v1Names = (await p.containers()).map((c) => c.name)
    expect(v1Names).toEqual([`${p.name}_db_1`, `${p.name}_web_1`])
    const ps = p.run(['ps'])
    expect(ps.code, ps.stderr).toBe(0)
    for (const name of v1Names) expect(ps.stdout).toContain(name)
    const stop = p.run(['stop', '-t', '1', 'web'])
    expect(stop.code, stop.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.state)).toEqual(['running', 'exited'])
    const start = p.run(['start'])
    expect(start.code, start.stderr).toBe(0)
    const down = p.run(['down'])
    expect(down.code, down.stderr).toBe(0)
    expect(await p.containers()).toEqual([])
    expect(await p.networks()).toEqual([])
  })
})
