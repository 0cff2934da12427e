import { afterAll, afterEach, expect, it } from 'vitest'
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  execRun,
  inspectContainer,
  inspectNetwork,
  listNetworks,
  pruneNetworks,
  removeNetwork,
} from '../../../core/engine/index.ts'
import { describeEngine, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('net')
const client = newClient()

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

describeEngine('networks', () => {
  it('creates, lists with filters, inspects and removes a network', async () => {
    const name = `${prefix}-a`
    const { Id } = await createNetwork(client, {
      Name: name,
      CheckDuplicate: true,
      Driver: 'bridge',
      Labels: { [`${prefix}.kind`]: 'test' },
      IPAM: { Config: [{ Subnet: '172.29.123.0/24' }] },
      Options: { 'com.docker.network.bridge.enable_icc': 'true' },
    })
    const listed = await listNetworks(client, { filters: { label: [`${prefix}.kind=test`] } })
    expect(listed.map((n) => n.Id)).toEqual([Id])
    const inspected = await inspectNetwork(client, name)
    expect(inspected).toMatchObject({ Id, Name: name, Driver: 'bridge', Labels: { [`${prefix}.kind`]: 'test' } })
    expect(inspected.IPAM.Config).toEqual([{ Subnet: '172.29.123.0/24' }])
    await expect(createNetwork(client, { Name: name, CheckDuplicate: true })).rejects.toMatchObject({ code: 'ENGINE_CONFLICT' })
    await removeNetwork(client, name)
    await expect(inspectNetwork(client, name)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND', message: expect.stringContaining(`network "${name}"`) })
  })

  it('connects with aliases and disconnects a container', async () => {
    const net = `${prefix}-b`
    await createNetwork(client, { Name: net })
    const server = await runBusybox(client, `${prefix}-server`, ['sleep', '300'])
    const clientCtr = await runBusybox(client, `${prefix}-client`, ['sleep', '300'], { HostConfig: { NetworkMode: net } })
    await connectNetwork(client, net, server, { endpoint: { Aliases: ['db'] } })
    expect(Object.keys((await inspectContainer(client, server)).NetworkSettings.Networks)).toContain(net)
    expect(Object.keys((await inspectNetwork(client, net)).Containers ?? {})).toEqual(expect.arrayContaining([server, clientCtr]))
    expect((await execRun(client, clientCtr, ['ping', '-c', '1', '-W', '2', 'db'])).exitCode).toBe(0)
    await expect(removeNetwork(client, net)).rejects.toMatchObject({ code: expect.stringMatching(/ENGINE_(CONFLICT|FORBIDDEN|ERROR)/) })
    await disconnectNetwork(client, net, server)
    expect(Object.keys((await inspectContainer(client, server)).NetworkSettings.Networks)).not.toContain(net)
    await disconnectNetwork(client, net, clientCtr, { force: true })
    await expect(connectNetwork(client, `${prefix}-missing`, server)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
  })

  it('prunes unused networks matching a label', async () => {
    const name = `${prefix}-prune`
    await createNetwork(client, { Name: name, Labels: { [`${prefix}.prune`]: '1' } })
    const res = await pruneNetworks(client, { filters: { label: [`${prefix}.prune=1`] } })
    expect(res.NetworksDeleted).toEqual([name])
  })
})
