import { afterAll, describe, expect, it } from 'vitest'
import { engineUp, projectContainers, tempProject } from './_helpers.ts'

const ok = await engineUp()

const yaml = `
services:
  db:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    depends_on: [db]
    environment:
      FROM_FILE: file
`

describe('run', () => {
  const p = tempProject('e2eirun', yaml)
  afterAll(() => p.dispose())

  it('run --rm must start dependencies first, pass output and the exit code through, and leave nothing behind', async () => {
    const res = p.cli(['run', '--rm', 'web', 'sh', '-c', 'echo out; echo err >&2; exit 3'])
    expect(res.code, res.stderr).toBe(3)
    expect(res.stdout).toBe('out\n')
    expect(res.stderr).toContain('err')
    const left = await projectContainers(p.name)
    expect(left.map((c) => `${c.name}:${c.state}`)).toEqual([`${p.name}-db-1:running`])
  })

  it('run -d must print the container ID of a one-off container labelled oneoff=True with a slug', async () => {
    const res = p.cli(['run', '-d', '--no-deps', '-e', 'EXTRA=1', '-l', 'team=qa', '-w', '/tmp', '-u', 'nobody', 'web', 'sleep', '60'])
    expect(res.code, res.stderr).toBe(0)
    const id = res.stdout.trim()
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    const c = (await projectContainers(p.name)).find((x) => x.id === id)
    expect(c?.name).toMatch(new RegExp(`^${p.name}-web-run-[0-9a-f]{12}$`))
    expect(c?.labels['com.docker.compose.oneoff']).toBe('True')
    expect(c?.labels['com.docker.compose.slug']).toMatch(/^[0-9a-f]{64}$/)
    expect(c?.name.endsWith(c.labels['com.docker.compose.slug']?.slice(0, 12) ?? '?')).toBe(true)
    expect(c?.labels['com.docker.compose.container-number']).toBeUndefined()
    expect(c?.labels.team).toBe('qa')
    const env = p.cli(['exec', '-T', '--index', '1', 'web', 'true'])
    expect(env.code).not.toBe(0) // the one-off is not replica #1 and no service container runs
  })

  it('down leaves a running one-off container alone; down --remove-orphans stops and removes it too', async () => {
    const fresh = tempProject('e2eirunorph', yaml)
    try {
      const started = fresh.cli(['run', '-d', '--no-deps', 'web', 'sleep', '300'])
      expect(started.code, started.stderr).toBe(0)
      const id = started.stdout.trim()
      expect(fresh.cli(['down', '-t', '0']).code).toBe(0)
      expect((await projectContainers(fresh.name)).map((c) => `${c.id}:${c.state}`)).toEqual([`${id}:running`])
      const down = fresh.cli(['down', '-t', '0', '--remove-orphans'])
      expect(down.code, down.stderr).toBe(0)
      expect(await projectContainers(fresh.name)).toEqual([])
      expect(down.stderr).not.toContain('still in use')
    } finally {
      await fresh.dispose()
    }
  })

  it('run must pipe stdin with EOF, apply -e/-w/-u/--entrypoint/--name, and --no-deps must not start dependencies', async () => {
    const piped = p.cli(['run', '--rm', '--no-deps', '-T', 'web', 'sh', '-c', 'cat; echo "$FROM_FILE $EXTRA $(pwd) $(id -un)"'], 'piped\n')
    expect(piped.code, piped.stderr).toBe(0)
    expect(piped.stdout).toBe('piped\nfile  / root\n')
    const flags = p.cli(['run', '--rm', '--no-deps', '-T', '-e', 'EXTRA=x', '-w', '/etc', '-u', 'nobody', '--entrypoint', 'sh -c', 'web', 'echo "$EXTRA $(pwd) $(id -un)"'])
    expect(flags.stdout).toBe('x /etc nobody\n')
    const named = p.cli(['run', '--rm', '--no-deps', '--name', `${p.name}-custom`, 'web', 'hostname'])
    expect(named.code, named.stderr).toBe(0)
    const fresh = tempProject('e2eirunnd', yaml)
    try {
      const res = fresh.cli(['run', '--rm', '--no-deps', 'web', 'true'])
      expect(res.code, res.stderr).toBe(0)
      expect(await projectContainers(fresh.name)).toEqual([])
    } finally {
      await fresh.dispose()
    }
  })
})
