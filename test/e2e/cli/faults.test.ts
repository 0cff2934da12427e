import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createContainer, removeContainer } from '../../../core/engine/index.ts'
import { client, createProject, idle, type TestProject } from './_project.ts'

let p: TestProject
const extra: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const undo of extra.splice(0)) await undo()
  await p.cleanup()
  expect(await p.containers()).toEqual([])
  expect(await p.networks()).toEqual([])
})

/** `up -d` converges and `down` leaves nothing, once the fault is gone. */
async function recovers(project: TestProject): Promise<void> {
  const up = project.run(['up', '-d'])
  expect(up.code, up.stderr).toBe(0)
  expect((await project.containers()).every((c) => c.state === 'running')).toBe(true)
  const down = project.run(['down'])
  expect(down.code, down.stderr).toBe(0)
  expect(await project.containers()).toEqual([])
  expect(await project.networks()).toEqual([])
}

describe('faults give a clear message naming the service, and a rerun converges', () => {
  it('a host port already taken', async () => {
    const server: Server = createServer()
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))
    extra.push(() => new Promise((r) => server.close(() => r())))
    p = createProject('port', `services:\n  web:\n${idle()}    ports: ["127.0.0.1:${port}:80"]\n  other:\n${idle()}`)
    const res = p.run(['up', '-d'])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/web/)
    expect(res.stderr).toMatch(/port is already allocated|address already in use/)
    await new Promise<void>((r) => server.close(() => r()))
    await recovers(p)
  })

  it('a container name held by a foreign container', async () => {
    p = createProject('name', `services:\n  web:\n${idle()}`)
    const foreign = await createContainer(client, { Image: 'busybox:latest', Cmd: ['true'] }, { name: `${p.name}-web-1` })
    const res = p.run(['up', '-d'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('web')
    expect(res.stderr).toMatch(/already in use|conflict/i)
    await removeContainer(client, foreign.Id, { force: true })
    await recovers(p)
  })

  it('a container that fails to start', async () => {
    p = createProject('failing', `services:\n  web:\n    image: busybox:latest\n    command: ["/does/not/exist"]\n  ok:\n${idle()}`)
    const res = p.run(['up', '-d'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('web')
    expect(res.stderr).toMatch(/no such file or directory|not found/)
    p.write(`services:\n  web:\n${idle()}  ok:\n${idle()}`)
    await recovers(p)
  })

  it('an image that does not exist (and is never pulled from a registry)', async () => {
    p = createProject('image', `services:\n  web:\n    image: ${'compose-e2e-missing'}/nope:never\n    pull_policy: never\n  ok:\n${idle()}`)
    const res = p.run(['up', '-d'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('service "web"')
    expect(res.stderr).toContain('compose-e2e-missing/nope:never')
    const pullNever = p.run(['up', '-d', '--pull', 'never', 'ok'])
    expect(pullNever.code, pullNever.stderr).toBe(0)
    p.write(`services:\n  web:\n${idle()}  ok:\n${idle()}`)
    await recovers(p)
  })

  it('two `up` at once on one project: the second waits for the first', async () => {
    p = createProject('race', `services:\n  a:\n${idle()}  b:\n${idle()}  c:\n${idle()}`)
    const [one, two] = await Promise.all([p.spawn(['up', '-d']).done, p.spawn(['up', '-d']).done])
    // one per project at a time on this host: the second waits for the first and says so
    expect([one?.code, two?.code], `${one?.stderr}\n${two?.stderr}`).toEqual([0, 0])
    expect(`${one?.stderr}${two?.stderr}`).toContain(`waiting for another compose command on project "${p.name}" to finish`)
    expect((await p.containers()).map((c) => c.state)).toEqual(['running', 'running', 'running'])
    expect(await p.networks()).toEqual([`${p.name}_default`])
    await recovers(p)
  })
})
