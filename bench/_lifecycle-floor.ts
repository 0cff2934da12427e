/**
 * The floor of the lifecycle benchmark: the Engine API calls `up -d` and `down -t 0` need for a
 * project of N idle busybox services, made with maximal parallelism through our engine client
 * and nothing else (no loading, no planning, no progress). Whatever a tool adds on top of this
 * is its own cost.
 */
import { createContainer, listContainers, removeContainer, startContainer, stopContainer } from '../core/engine/api/containers.ts'
import { createNetwork, removeNetwork } from '../core/engine/api/networks.ts'
import type { EngineClient } from '../core/engine/client.ts'

const IMAGE = 'busybox:latest'

/** Creates `<project>_default`, then creates and starts every container at once. */
export async function floorUp(client: EngineClient, project: string, services: readonly string[]): Promise<void> {
  const network = `${project}_default`
  await createNetwork(client, {
    Name: network,
    CheckDuplicate: true,
    Driver: 'bridge',
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default', 'com.docker.compose.version': 'floor' },
  })
  await Promise.all(
    services.map(async (service) => {
      const name = `${project}-${service}-1`
      const { Id } = await createContainer(
        client,
        {
          Image: IMAGE,
          Cmd: ['sleep', '3600'],
          Labels: {
            'com.docker.compose.project': project,
            'com.docker.compose.service': service,
            'com.docker.compose.container-number': '1',
            'com.docker.compose.oneoff': 'False',
            'com.docker.compose.config-hash': 'floor',
          },
          HostConfig: { NetworkMode: network },
          NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [service, name] } } },
        },
        { name },
      )
      await startContainer(client, Id)
    }),
  )
}

/** Stops (`-t 0`) and removes every container of the project at once, then the network. */
export async function floorDown(client: EngineClient, project: string): Promise<void> {
  const list = await listContainers(client, { all: true, filters: { label: [`com.docker.compose.project=${project}`] } })
  await Promise.all(
    list.map(async (c) => {
      await stopContainer(client, c.Id, { timeout: 0 })
      await removeContainer(client, c.Id)
    }),
  )
  await removeNetwork(client, `${project}_default`)
}
