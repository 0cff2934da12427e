/**
 * `pre_start` hooks (docker compose v5): before a service's containers start, and only when none
 * of them runs, each hook runs in a container of its own with the volumes of the service's first
 * container and the service environment (overridden by the hook's). Its output is shown; a hook
 * that fails stops the service from starting and its container is kept for inspection until the
 * next run of the hooks or `down`. `ps` never lists hook containers.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { listContainers } from '../../../core/engine/api/containers.ts'
import { client, createProject } from './_project.ts'

const yaml = (hookCommand: string): string => `
services:
  app:
    image: busybox:latest
    command: ["sh", "-c", "cat /data/log; exec sleep 3600"]
    init: true
    stop_grace_period: 1s
    environment: { WHO: service, KEEP: kept }
    volumes: ["data:/data"]
    pre_start:
      - command: ["sh", "-c", "${hookCommand}"]
        environment: { WHO: hook }
volumes:
  data: {}
`

describe('pre_start hooks', () => {
  const p = createProject('prestart', yaml('echo run by $$WHO with $$KEEP >> /data/log; echo hook says hi'))
  afterAll(() => p.cleanup())
  const hookContainers = async (): Promise<string[]> =>
    (await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${p.name}`, 'com.docker.compose.hook=pre_start'] } })).map((c) => c.State)

  it('run before the service starts, in their own container with its volumes, and are removed after', async () => {
    const up = p.run(['up', '-d', '--progress', 'plain'])
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).toContain('pre_start[0]: hook says hi')
    expect(p.run(['exec', '-T', 'app', 'cat', '/data/log']).stdout).toBe('run by hook with kept\n')
    // the service saw the file when it started
    expect(p.run(['logs', '--no-log-prefix', 'app']).stdout).toBe('run by hook with kept\n')
    expect(await hookContainers()).toEqual([])
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-app-1`])
  })

  it('do not run while the service runs, and run again when it starts from stopped', () => {
    expect(p.run(['up', '-d']).code).toBe(0)
    expect(p.run(['exec', '-T', 'app', 'cat', '/data/log']).stdout).toBe('run by hook with kept\n')
    expect(p.run(['stop']).code).toBe(0)
    const start = p.run(['start'])
    expect(start.code, start.stderr).toBe(0)
    expect(p.run(['exec', '-T', 'app', 'cat', '/data/log']).stdout).toBe('run by hook with kept\nrun by hook with kept\n')
  })

  it('a failing hook stops the start, says why, and keeps its container until the next run or down', async () => {
    p.write(yaml('echo migration failed >&2; exit 3'))
    const up = p.run(['up', '-d', '--force-recreate'])
    expect(up.code).not.toBe(0)
    expect(up.stderr).toMatch(/service "app" pre_start\[0\] exited with code 3 \(hook container [0-9a-f]{12} kept for inspection\)/)
    expect(up.stderr).toContain('migration failed')
    expect(await hookContainers()).toEqual(['exited'])
    // the project's labels are on the kept hook container too (under a name the engine made up)
    expect((await p.containers()).find((c) => c.name === `${p.name}-app-1`)?.state).toBe('created')
    expect(p.run(['ps', '-a', '--format', '{{.Name}}']).stdout).toBe(`${p.name}-app-1\n`)
    // a second failing run replaces the kept container; down removes it
    expect(p.run(['up', '-d']).code).not.toBe(0)
    expect(await hookContainers()).toEqual(['exited'])
    const down = p.run(['down'])
    expect(down.code, down.stderr).toBe(0)
    expect(await hookContainers()).toEqual([])
    expect(await p.networks()).toEqual([])
  })
})

describe('pre_start hook images', () => {
  const p = createProject('prestartimg', `
services:
  app:
    image: busybox:latest
    command: ["sleep", "3600"]
    pull_policy: never
    pre_start:
      - image: compose-e2e-absent/hook:1
        command: ["true"]
`)
  afterAll(() => p.cleanup())

  it('follow the service pull policy: with never, a missing hook image is an error, not a pull', async () => {
    const up = p.run(['up', '-d'])
    expect(up.code).not.toBe(0)
    expect(up.stderr).toContain('pre_start image compose-e2e-absent/hook:1 is not present locally and pull_policy is never')
    expect((await p.containers()).map((c) => c.state)).toEqual(['created'])
  })
})
