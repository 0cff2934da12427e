import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, idle, type TestProject } from './_project.ts'

let p: TestProject
afterEach(async () => {
  await p.cleanup()
  expect(await p.containers()).toEqual([])
})

const states = async (): Promise<string[]> => (await p.containers()).map((c) => c.state)
const file = `services:\n  web:\n${idle()}    depends_on: [db]\n  db:\n${idle()}`

describe('lifecycle commands', () => {
  it('create, start, stop -t, restart -t, pause, unpause, kill -s', async () => {
    p = createProject('cmds', file)
    expect(p.run(['create']).code).toBe(0)
    expect(await states()).toEqual(['created', 'created'])
    expect(p.run(['start', 'db']).code).toBe(0)
    expect(await states()).toEqual(['running', 'created'])
    expect(p.run(['start']).code).toBe(0)
    expect(await states()).toEqual(['running', 'running'])
    const stop = p.run(['stop', '-t', '1', 'web'])
    expect(stop.code, stop.stderr).toBe(0)
    expect(await states()).toEqual(['running', 'exited'])
    const ids = (await p.containers()).map((c) => c.id)
    expect(p.run(['restart', '-t', '1']).code).toBe(0)
    expect(await states()).toEqual(['running', 'running'])
    expect((await p.containers()).map((c) => c.id)).toEqual(ids)
    expect(p.run(['pause']).code).toBe(0)
    expect(await states()).toEqual(['paused', 'paused'])
    expect(p.run(['unpause', 'web']).code).toBe(0)
    expect(await states()).toEqual(['paused', 'running'])
    expect(p.run(['unpause']).code).toBe(0)
    const kill = p.run(['kill', '-s', 'SIGTERM', 'db'])
    expect(kill.code, kill.stderr).toBe(0)
    const exitCode = () => execFileSync('docker', ['inspect', '-f', '{{.State.ExitCode}}', `${p.name}-db-1`], { encoding: 'utf8' }).trim()
    await new Promise((r) => setTimeout(r, 500))
    expect(exitCode()).toBe('143')
    expect(p.run(['kill']).code).toBe(0)
    expect(await states()).toEqual(['exited', 'exited'])
  })

  it('rm asks first (no on empty input), -f removes stopped ones, -s stops first, -v drops anonymous volumes', async () => {
    p = createProject('rm', `services:\n  web:\n${idle()}    volumes: ["/anon"]\n  db:\n${idle()}`)
    expect(p.run(['up', '-d']).code).toBe(0)
    const none = p.run(['rm', '-f'])
    expect(none.stderr).toContain('No stopped containers')
    expect(p.run(['stop', 'web']).code).toBe(0)
    const asked = p.run(['rm'], { input: '' })
    expect(asked.stderr).toContain(`Going to remove web-1\nAre you sure? [yN]`)
    expect((await p.containers()).length).toBe(2)
    const yes = p.run(['rm', '-v'], { input: 'y\n' })
    expect(yes.code, yes.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-db-1`])
    const stopped = p.run(['rm', '-s', '-f'])
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(stopped.stdout).toContain('Going to remove db-1')
    expect(await p.containers()).toEqual([])
    expect(p.run(['up', '-d']).code).toBe(0)
  })

  it('wait blocks until the containers stop and exits with their code; --down-project takes the project down', async () => {
    p = createProject('wait', `services:\n  job:\n    image: busybox:latest\n    command: ["sh", "-c", "sleep 1; exit 4"]\n  web:\n${idle()}`)
    expect(p.run(['up', '-d']).code).toBe(0)
    const res = p.run(['wait', 'job'])
    expect(res.code).toBe(4)
    expect(res.stdout).toMatch(/container "[0-9a-f]{64}" exited with status code 4/)
    expect(p.run(['wait', 'job']).stderr).toContain('no containers for project')
    expect(p.run(['up', '-d']).code).toBe(0)
    const down = p.run(['wait', '--down-project', 'job'])
    expect(down.code).toBe(4)
    expect(await p.containers()).toEqual([])
  })

  it('scale SVC=N --no-deps scales without touching dependencies', async () => {
    p = createProject('scalecmd', file)
    expect(p.run(['scale', '--no-deps', 'web=2']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-web-1`, `${p.name}-web-2`])
    expect(p.run(['scale', 'web=1']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-db-1`, `${p.name}-web-1`])
    expect(p.run(['scale', 'web']).stderr).toContain('invalid scale argument value "web"')
  })

  it('down -t, --remove-orphans, --rmi all (our own tag only) and down SERVICE', async () => {
    const tag = `${'x'}${Date.now()}`
    p = createProject('downflags', `services:\n  web:\n${idle()}  db:\n${idle()}`)
    const image = `${p.name}-img:${tag}`
    execFileSync('docker', ['tag', 'busybox:latest', image])
    // every service on our own tag: --rmi all must never reach the seeded busybox:latest
    const own = idle().replace('busybox:latest', image)
    p.write(`services:\n  web:\n${own}  db:\n${own}  gone:\n${own}`)
    expect(p.run(['up', '-d']).code).toBe(0)
    expect(p.run(['down', 'web']).code).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-db-1`, `${p.name}-gone-1`])
    expect(p.run(['up', '-d']).code).toBe(0)
    p.write(`services:\n  web:\n${own}  db:\n${own}`)
    const down = p.run(['down', '-t', '0', '--remove-orphans', '--rmi', 'all'])
    expect(down.code, down.stderr).toBe(0)
    expect(await p.containers()).toEqual([])
    expect(() => execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' })).toThrow()
    execFileSync('docker', ['image', 'inspect', 'busybox:latest'], { stdio: 'ignore' })
    expect(p.run(['down', '--rmi', 'some']).stderr).toContain('invalid --rmi value "some"')
  })

  it('down SERVICE removes it and its dependents, keeps the network the others still use, and --remove-orphans still applies', async () => {
    p = createProject('downsvc', `services:
  db:
${idle()}  web:
${idle('    depends_on: [db]\n')}  other:
${idle()}  gone:
${idle()}`)
    expect(p.run(['up', '-d']).code).toBe(0)
    p.write(`services:
  db:
${idle()}  web:
${idle('    depends_on: [db]\n')}  other:
${idle()}`)
    const down = p.run(['down', '-t', '0', '--remove-orphans', 'db'])
    expect(down.code, down.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.name)).toEqual([`${p.name}-other-1`])
    expect(down.stderr).toContain('Resource is still in use')
    expect(await p.networks()).toEqual([`${p.name}_default`])
    expect(p.run(['down', '-t', '0']).code).toBe(0)
    expect(await p.containers()).toEqual([])
    expect(await p.networks()).toEqual([])
  })
})
