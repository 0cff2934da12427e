/**
 * Networks and volumes carry docker compose's config hash (com.docker.compose.config-hash, the
 * sha256 of compose-go's NetworkConfig / VolumeConfig). When a project network's settings change,
 * `up` stops the attached containers, recreates the network, attaches them to it and starts them
 * again, without recreating them. A changed volume is kept (its data) with a warning, as docker
 * compose does without a yes to its prompt; `up -y` recreates it and the containers that mount it.
 * A container that does not mount its service's named volume (renamed) is recreated.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { inspectContainer } from '../../../core/engine/api/containers.ts'
import { listNetworks } from '../../../core/engine/api/networks.ts'
import { listVolumes } from '../../../core/engine/api/volumes.ts'
import { networkHash, volumeHash } from '../../../core/converge/hash.ts'
import { client, createProject, idle } from './_project.ts'

const compose = (networkExtra: string, volumeExtra: string): string => `
services:
  app:
${idle('    networks: [back]\n    volumes: ["data:/data"]\n')}
networks:
  back:
    driver: bridge
${networkExtra}
volumes:
  data:
${volumeExtra}
`

describe('network and volume drift', () => {
  const p = createProject('drift', compose('', '    labels: { keep: "1" }\n'))
  afterAll(() => p.cleanup())

  it('labels networks and volumes with the config hash docker compose computes', async () => {
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    const [net] = await listNetworks(client, { filters: { name: [`${p.name}_back`] } })
    expect(net?.Labels?.['com.docker.compose.config-hash']).toBe(networkHash({ driver: 'bridge' }, `${p.name}_back`))
    const vol = (await listVolumes(client, { filters: { name: [`${p.name}_data`] } })).volumes[0]
    expect(vol?.Labels?.['com.docker.compose.config-hash']).toBe(volumeHash({ labels: { keep: '1' } }, `${p.name}_data`))
  })

  it('recreates a changed network: stops the running container, reconnects it with its aliases and starts it again, without recreating it', async () => {
    const [before] = await p.containers()
    const startedBefore = (await inspectContainer(client, before?.id ?? '')).State.StartedAt
    const [oldNet] = await listNetworks(client, { filters: { name: [`${p.name}_back`] } })
    p.write(compose('    labels: { tier: backend }\n', '    labels: { keep: "1" }\n'))
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    const [after] = await p.containers()
    expect(after?.id).toBe(before?.id)
    expect(after?.state).toBe('running')
    const [newNet] = await listNetworks(client, { filters: { name: [`${p.name}_back`] } })
    expect(newNet?.Id).not.toBe(oldNet?.Id)
    expect(newNet?.Labels?.tier).toBe('backend')
    const info = await inspectContainer(client, after?.id ?? '')
    const endpoint = info.NetworkSettings.Networks[`${p.name}_back`]
    expect(endpoint?.NetworkID).toBe(newNet?.Id)
    expect(endpoint?.Aliases).toEqual(expect.arrayContaining(['app']))
    expect(info.State.StartedAt > startedBefore, `${info.State.StartedAt} after ${startedBefore}`).toBe(true)
    // converged: a second up changes nothing
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    const [still] = await listNetworks(client, { filters: { name: [`${p.name}_back`] } })
    expect(still?.Id).toBe(newNet?.Id)
  })

  it('keeps a changed volume and its data, and says so', async () => {
    expect(p.run(['exec', '-T', 'app', 'sh', '-c', 'echo kept > /data/marker']).code).toBe(0)
    const [before] = await p.containers()
    p.write(compose('    labels: { tier: backend }\n', '    labels: { keep: "2" }\n'))
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).toContain(`volume "${p.name}_data" exists but doesn't match the configuration in the compose file; it is kept as it is, with its data (\`up -y\` recreates it`)
    const [after] = await p.containers()
    expect(after?.id).toBe(before?.id)
    expect(p.run(['exec', '-T', 'app', 'cat', '/data/marker']).stdout).toBe('kept\n')
  })

  it('up -y recreates the changed volume, and the container that mounts it, losing the data', async () => {
    const [before] = await p.containers()
    const up = p.run(['up', '-d', '-y'])
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).not.toContain("doesn't match")
    const [after] = await p.containers()
    expect(after?.id).not.toBe(before?.id)
    expect(after?.state).toBe('running')
    const vol = (await listVolumes(client, { filters: { name: [`${p.name}_data`] } })).volumes[0]
    expect(vol?.Labels?.keep).toBe('2')
    expect(vol?.Labels?.['com.docker.compose.config-hash']).toBe(volumeHash({ labels: { keep: '2' } }, `${p.name}_data`))
    expect(p.run(['exec', '-T', 'app', 'ls', '/data']).stdout).toBe('')
    // converged: nothing more to do, and nothing to ask
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    expect((await p.containers())[0]?.id).toBe(after?.id)
    expect(again.stderr).not.toContain("doesn't match")
  })

  it('recreates the container when its volume is renamed; the old volume stays', async () => {
    const [before] = await p.containers()
    p.write(compose('    labels: { tier: backend }\n', `    name: ${p.name}_renamed\n    labels: { keep: "2" }\n`))
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    const [after] = await p.containers()
    expect(after?.id).not.toBe(before?.id)
    const mounts = (await inspectContainer(client, after?.id ?? '')).Mounts.map((m) => m.Name)
    expect(mounts).toContain(`${p.name}_renamed`)
    expect((await listVolumes(client, { filters: { name: [`${p.name}_data`] } })).volumes.map((v) => v.Name)).toContain(`${p.name}_data`)
    p.write(compose('    labels: { tier: backend }\n', '    labels: { keep: "2" }\n'))
  })
})
