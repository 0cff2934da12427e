import { afterAll, afterEach, expect, it } from 'vitest'
import { createVolume, execRun, inspectVolume, listVolumes, removeContainer, removeVolume } from '../../../core/engine/index.ts'
import { describeEngine, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('vol')
const client = newClient()

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

describeEngine('volumes', () => {
  it('creates, lists with filters, inspects and removes a volume', async () => {
    const name = `${prefix}-data`
    const created = await createVolume(client, { Name: name, Labels: { [`${prefix}.kind`]: 'test' }, DriverOpts: {} })
    expect(created).toMatchObject({ Name: name, Driver: 'local', Scope: 'local' })
    const { volumes } = await listVolumes(client, { filters: { label: [`${prefix}.kind=test`] } })
    expect(volumes.map((v) => v.Name)).toEqual([name])
    expect(await inspectVolume(client, name)).toMatchObject({ Name: name, Labels: { [`${prefix}.kind`]: 'test' } })
    await removeVolume(client, name)
    await expect(inspectVolume(client, name)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND', message: expect.stringContaining(`volume "${name}"`) })
  })

  it('refuses to remove a volume in use (ENGINE_CONFLICT), and keeps data between containers', async () => {
    const name = `${prefix}-used`
    await createVolume(client, { Name: name })
    const writer = await runBusybox(client, `${prefix}-w`, ['sleep', '300'], { HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] } })
    await execRun(client, writer, ['sh', '-c', 'echo kept > /data/f'])
    await expect(removeVolume(client, name)).rejects.toMatchObject({ code: 'ENGINE_CONFLICT' })
    await removeContainer(client, writer, { force: true })
    const reader = await runBusybox(client, `${prefix}-r`, ['sleep', '300'], { HostConfig: { Binds: [`${name}:/data:ro`] } })
    expect((await execRun(client, reader, ['cat', '/data/f'])).stdout).toBe('kept\n')
  })
})
