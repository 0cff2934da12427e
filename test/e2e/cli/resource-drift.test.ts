/**
 * Networks and volumes carry docker compose's config hash (com.docker.compose.config-hash, the
 * sha256 of compose-go's NetworkConfig / VolumeConfig); when a project network's settings change,
 * `up` recreates it and moves the attached containers over without recreating them. A changed
 * volume is kept (its data) with a warning, as docker compose does without a yes to its prompt.
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

  it('recreates a changed network and reconnects the running container with its aliases, without recreating it', async () => {
    const [before] = await p.containers()
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
    // converged: a second up changes nothing
    const again = p.run(['up', '-d'])
    expect(again.code, again.stderr).toBe(0)
    const [still] = await listNetworks(client, { filters: { name: [`${p.name}_back`] } })
    expect(still?.Id).toBe(newNet?.Id)
  })

  it('keeps a changed volume and says so', async () => {
    p.write(compose('    labels: { tier: backend }\n', '    labels: { keep: "2" }\n'))
    const up = p.run(['up', '-d'])
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).toContain(`volume "${p.name}_data" exists but doesn't match the configuration in the compose file`)
  })
})
