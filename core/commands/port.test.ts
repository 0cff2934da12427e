import { describe, expect, it } from 'vitest'
import { fakeEngine, serviceContainer } from './_fake-engine.ts'
import { findPublished, port } from './port.ts'

const web = (n: number, publicPort: number) =>
  serviceContainer('proj', 'web', n, {
    Ports: [
      { PrivatePort: 53, PublicPort: 5353, IP: '0.0.0.0', Type: 'udp' },
      { PrivatePort: 80, PublicPort: publicPort, IP: '127.0.0.1', Type: 'tcp' },
      { PrivatePort: 80, PublicPort: publicPort, IP: '::1', Type: 'tcp' },
      { PrivatePort: 443, Type: 'tcp' },
    ],
  })

describe('port', () => {
  it('answers the first binding of the lowest replica, or the --index one', async () => {
    const { client, transport } = fakeEngine([web(2, 8082), web(1, 8081)])
    expect(await port(client, 'proj', 'web', 80)).toEqual({ ip: '127.0.0.1', port: 8081, container: 'proj-web-1' })
    expect(await port(client, 'proj', 'web', 80, { index: 2 })).toMatchObject({ port: 8082 })
    const url = new URL(`http://x${transport.requests[1]?.fullPath}`)
    expect(JSON.parse(url.searchParams.get('filters') ?? '').label).toContain('com.docker.compose.container-number=2')
    expect(await port(client, 'proj', 'web', 53, { protocol: 'UDP' })).toMatchObject({ ip: '0.0.0.0', port: 5353 })
  })

  it('names the container and its ports when the port is not published', async () => {
    const { client } = fakeEngine([web(1, 8081)])
    await expect(port(client, 'proj', 'web', 443)).rejects.toThrow('no port 443/tcp for container proj-web-1: 53/udp, 80/tcp, 80/tcp, 443/tcp')
    await expect(port(client, 'proj', 'web', 80, { protocol: 'udp' })).rejects.toMatchObject({ code: 'QUERY_NO_PORT' })
  })

  it('says when the service or replica does not run', async () => {
    const { client } = fakeEngine([web(1, 8081)])
    await expect(port(client, 'proj', 'db', 80)).rejects.toThrow('service "db" is not running')
    await expect(port(client, 'proj', 'web', 80, { index: 3 })).rejects.toThrow('service "web" is not running container #3')
  })

  it('prefers service containers over one-off ones', () => {
    expect(findPublished({ Id: 'x', Names: ['/x'], Ports: [{ PrivatePort: 1, PublicPort: 2, IP: '0.0.0.0', Type: 'tcp' }] }, 1, 'tcp')).toEqual({ ip: '0.0.0.0', port: 2, container: 'x' })
  })
})
