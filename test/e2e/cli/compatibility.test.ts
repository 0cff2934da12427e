/**
 * `--compatibility` (and COMPOSE_COMPATIBILITY, also from `.env`): containers are named as
 * docker-compose v1 named them, `<project>_<service>_<n>`, one-offs `<project>_<service>_run_<id>`;
 * a built image is `<project>_<service>`. Everything else is unchanged.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createProject, idle } from './_project.ts'

describe('--compatibility', () => {
  const p = createProject('compat', `
services:
  app:
${idle()}
  two:
    image: busybox:latest
    command: ["sh", "-c", "echo hi; exec sleep 3600"]
    init: true
    stop_grace_period: 1s
    scale: 2
`)
  afterAll(() => p.cleanup())

  it('names containers with underscores and converges on them', async () => {
    const up = p.run(['--compatibility', 'up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    const names = (await p.containers()).map((c) => c.name)
    expect(names).toEqual([`${p.name}_app_1`, `${p.name}_two_1`, `${p.name}_two_2`])
    const before = (await p.containers()).map((c) => c.id)
    expect(p.run(['--compatibility', 'up', '-d']).code).toBe(0)
    expect((await p.containers()).map((c) => c.id)).toEqual(before)
    const ps = p.run(['--compatibility', 'ps', '--format', '{{.Name}}'])
    expect(ps.stdout.trim().split('\n').sort()).toEqual(names)
  })

  it('log prefixes drop the project, as for hyphenated names; one-off containers are named with underscores', async () => {
    const logs = p.run(['logs', '--no-color', 'two'])
    expect(logs.code, logs.stderr).toBe(0)
    expect(logs.stdout.split('\n').filter(Boolean).sort()).toEqual(['two_1  | hi', 'two_2  | hi'])
    const run = p.run(['--compatibility', 'run', '-d', 'app'])
    expect(run.code, run.stderr).toBe(0)
    const oneOffs = (await p.containers()).filter((c) => c.labels['com.docker.compose.oneoff'] === 'True').map((c) => c.name)
    expect(oneOffs).toEqual([expect.stringMatching(new RegExp(`^${p.name}_app_run_[0-9a-f]{12}$`))])
  })

  it('COMPOSE_COMPATIBILITY in .env does the same; without it new containers are named with hyphens', async () => {
    p.run(['down', '-t', '0', '--remove-orphans'])
    writeFileSync(join(p.dir, '.env'), 'COMPOSE_COMPATIBILITY=True\n')
    expect(p.run(['up', '-d', 'app']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}_app_1`])
    writeFileSync(join(p.dir, '.env'), '')
    p.run(['down', '-t', '0'])
    expect(p.run(['up', '-d', 'app']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-app-1`])
  })
})
