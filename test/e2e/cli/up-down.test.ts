import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectContainer } from '../../../core/engine/index.ts'
import { client, createProject, idle, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
  expect(await p.containers()).toEqual([])
})

const twoServices = `services:\n  web:\n${idle()}    depends_on: [db]\n  db:\n${idle()}`

describe('compose up -d and down', () => {
  it('up -d must create and start, a rerun must change nothing, down must leave nothing', async () => {
    p = createProject('updown', `${twoServices}volumes:\n  data: {}\n`.replace('  db:\n', '  db:\n    volumes: ["data:/data"]\n'))
    const first = p.run(['up', '-d'])
    expect(first.code, first.stderr).toBe(0)
    const before = await p.containers()
    expect(before.map((c) => [c.name, c.state])).toEqual([
      [`${p.name}-db-1`, 'running'],
      [`${p.name}-web-1`, 'running'],
    ])
    expect(before[0]?.labels['com.docker.compose.project']).toBe(p.name)
    expect(await p.networks()).toEqual([`${p.name}_default`])
    expect(await p.volumes()).toEqual([`${p.name}_data`])
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.id)).toEqual(before.map((c) => c.id))
    const down = p.run(['down', '-v'])
    expect(down.code, down.stderr).toBe(0)
    expect(await p.containers()).toEqual([])
    expect(await p.networks()).toEqual([])
    expect(await p.volumes()).toEqual([])
  })

  it('up must converge after each kind of edit: changed, added, removed service (orphans)', async () => {
    p = createProject('edit', twoServices)
    expect(p.run(['up', '-d']).code).toBe(0)
    const [db0, web0] = await p.containers()
    p.write(twoServices.replace('    depends_on: [db]\n', '    depends_on: [db]\n    environment: { CHANGED: "1" }\n') + `  extra:\n${idle()}`)
    const res = p.run(['up', '-d'])
    expect(res.code, res.stderr).toBe(0)
    const after = await p.containers()
    expect(after.map((c) => c.name)).toEqual([`${p.name}-db-1`, `${p.name}-extra-1`, `${p.name}-web-1`])
    expect(after[0]?.id).toBe(db0?.id)
    expect(after[2]?.id).not.toBe(web0?.id)
    p.write(`services:\n  db:\n${idle()}`)
    const orphans = p.run(['up', '-d'])
    expect(orphans.code).toBe(0)
    expect(orphans.stderr).toMatch(/orphan/i)
    expect((await p.containers()).length).toBe(3)
    const removed = p.run(['up', '-d', '--remove-orphans'])
    expect(removed.code, removed.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-db-1`])
  })

  it('--force-recreate, --no-recreate, --no-start, --no-deps and --always-recreate-deps', async () => {
    p = createProject('recreate', twoServices)
    expect(p.run(['up', '-d', '--no-start']).code).toBe(0)
    expect((await p.containers()).map((c) => c.state)).toEqual(['created', 'created'])
    expect(p.run(['up', '-d']).code).toBe(0)
    const ids = (await p.containers()).map((c) => c.id)
    expect(p.run(['up', '-d', '--force-recreate', 'db']).code).toBe(0)
    const forced = await p.containers()
    expect(forced[0]?.id).not.toBe(ids[0])
    expect(forced[1]?.id).toBe(ids[1])
    p.write(twoServices.replace(/command: \["sleep", "3600"\]/g, 'command: ["sleep", "3601"]'))
    expect(p.run(['up', '-d', '--no-recreate']).code).toBe(0)
    expect((await p.containers()).map((c) => c.id)).toEqual(forced.map((c) => c.id))
    expect(p.run(['up', '-d', '--no-deps', 'web']).code).toBe(0)
    const noDeps = await p.containers()
    expect(noDeps[0]?.id).toBe(forced[0]?.id)
    expect(noDeps[1]?.id).not.toBe(forced[1]?.id)
    expect(p.run(['up', '-d', '--always-recreate-deps', 'web']).code).toBe(0)
    const deps = await p.containers()
    expect(deps[0]?.id).not.toBe(noDeps[0]?.id)
  })

  it('--scale and `scale` set replica counts; -V renews anonymous volumes', async () => {
    p = createProject('scale', `services:\n  web:\n${idle()}    volumes: ["/cache"]\n`)
    expect(p.run(['up', '-d', '--scale', 'web=3']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([1, 2, 3].map((n) => `${p.name}-web-${n}`))
    const res = p.run(['scale', 'web=1'])
    expect(res.code, res.stderr).toBe(0)
    const one = await p.containers()
    expect(one.map((c) => c.name)).toEqual([`${p.name}-web-1`])
    const anon = async () => (await inspectContainer(client, (await p.containers())[0]?.id ?? '')).Mounts.map((m) => m.Name)
    const volume = await anon()
    p.write(`services:\n  web:\n${idle()}    volumes: ["/cache"]\n    environment: { X: "1" }\n`)
    expect(p.run(['up', '-d']).code).toBe(0)
    expect(await anon()).toEqual(volume)
    expect(p.run(['up', '-d', '-V']).code).toBe(0)
    expect(await anon()).not.toEqual(volume)
  })

  it('--wait waits for health and --wait-timeout fails with "application not healthy"', async () => {
    const health = (cmd: string) => `services:\n  web:\n${idle()}    healthcheck:\n      test: ["CMD", "${cmd}"]\n      interval: 1s\n      retries: 30\n`
    p = createProject('wait', health('true'))
    const ok = p.run(['up', '--wait'])
    expect(ok.code, ok.stderr).toBe(0)
    expect((await p.containers())[0]?.state).toBe('running')
    p.write(health('false'))
    const bad = p.run(['up', '-d', '--wait', '--wait-timeout', '2'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('application not healthy after 2s')
  })

  it('--dry-run prints the plan and touches nothing', async () => {
    p = createProject('dry', twoServices)
    const res = p.run(['--dry-run', 'up', '-d'])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toMatch(/DRY-RUN MODE - .*container:create/)
    expect(await p.containers()).toEqual([])
    expect(await p.networks()).toEqual([])
    const attached = p.run(['up', '--dry-run'])
    expect(attached.stdout).toContain("interactive run is not supported in dry-run mode")
    expect(p.run(['up', '-d']).code).toBe(0)
    for (const cmd of [['down'], ['stop'], ['kill'], ['rm', '-sf'], ['pause'], ['restart']]) {
      const r = p.run(['--dry-run', ...cmd])
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(0)
      expect(r.stdout).toContain('DRY-RUN MODE')
    }
    expect((await p.containers()).map((c) => c.state)).toEqual(['running', 'running'])
    // commands that would act and have no plan to print refuse, rather than act
    const before = (await p.containers()).length
    for (const cmd of [['run', '--rm', '-T', 'web', 'touch', '/tmp/ran'], ['exec', '-T', 'web', 'touch', '/tmp/ran'], ['cp', 'web:/etc/hostname', '-']]) {
      const r = p.run(['--dry-run', ...cmd])
      expect(r.code, cmd.join(' ')).toBe(1)
      expect(r.stderr).toContain(`--dry-run is not supported by "${cmd[0]}"`)
    }
    expect((await p.containers()).length).toBe(before)
    expect(p.run(['exec', '-T', 'web', 'ls', '/tmp/ran']).code).not.toBe(0)
  })

  it('--progress json|plain|quiet and --ansi never|always shape the progress output', async () => {
    p = createProject('progress', `services:\n  web:\n${idle()}`)
    const json = p.run(['--progress', 'json', 'up', '-d'])
    expect(json.code).toBe(0)
    const events = json.stderr.trim().split('\n').map((l) => JSON.parse(l) as { id: string; status: string })
    expect(events).toContainEqual({ id: `Container ${p.name}-web-1`, status: 'Started' })
    const plain = p.run(['stop', '--progress', 'plain'])
    expect(plain.stderr).toContain(`Container ${p.name}-web-1  Stopped`)
    expect(plain.stderr).not.toContain('\u001b[')
    const quiet = p.run(['start', '--progress', 'quiet'])
    expect(quiet).toMatchObject({ code: 0, stderr: '' })
    const never = p.run(['--ansi', 'never', 'up', '-d', '--scale', 'web=0'])
    expect(never.stderr).toContain('Removed')
    expect(never.stderr).not.toContain('\u001b[')
  })

  it('global flags -f, --project-directory, --env-file and --profile select the project', async () => {
    p = createProject('globals', 'services: {}\n')
    writeFileSync(join(p.dir, 'other.yaml'), `services:\n  web:\n${idle()}    environment: { WHO: "\${WHO}" }\n  debug:\n${idle()}    profiles: [debug]\n`)
    writeFileSync(join(p.dir, 'custom.env'), 'WHO=from-env-file\n')
    const res = p.run(['-f', 'other.yaml', '--env-file', 'custom.env', '--profile', 'debug', 'up', '-d'])
    expect(res.code, res.stderr).toBe(0)
    const list = await p.containers()
    expect(list.map((c) => c.labels['com.docker.compose.service'])).toEqual(['debug', 'web'])
    const down = p.run(['-f', join(p.dir, 'other.yaml'), '--project-directory', p.dir, '--profile', 'debug', 'down'])
    expect(down.code, down.stderr).toBe(0)
    expect(await p.containers()).toEqual([])
  })
})
