import { describe, expect, it } from 'vitest'
import type { Project, ServiceConfig } from '../model/project.ts'
import { API_SOCKET_CONFIG, applyApiSocket, dockerConfigFile, usesApiSocket } from './api-socket.ts'
import { hashInput } from './hash.ts'

const project = (): Project => ({
  name: 'p',
  workingDir: '/w',
  services: {
    tool: { name: 'tool', image: 'busybox', use_api_socket: true, environment: { A: '1' } },
    plain: { name: 'plain', image: 'busybox' },
  },
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
})

describe('use_api_socket', () => {
  it('adds the socket, the credentials config and DOCKER_CONFIG to the services that ask, as docker compose does', () => {
    const p = applyApiSocket(project(), { 'localhost:5000': { username: 'u', password: 'p', serveraddress: 'localhost:5000' } })
    expect(p.services.tool).toMatchObject({
      volumes: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }],
      environment: { A: '1', DOCKER_CONFIG: '/run/secrets/docker' },
      configs: [{ source: API_SOCKET_CONFIG, target: '/run/secrets/docker/config.json' }],
    })
    expect(p.services.plain).toEqual(project().services.plain)
    expect(p.configs[API_SOCKET_CONFIG]?.content).toBe('{\n\t"auths": {\n\t\t"localhost:5000": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}')
    // what docker compose hashes after the same edit: a bind with no options, the config, the variable
    const input = hashInput(p.services.tool as ServiceConfig)
    expect(input).toContain('"volumes":[{"type":"bind","source":"/var/run/docker.sock","target":"/var/run/docker.sock"}]')
    expect(input).toContain('"configs":[{"source":"#apisocket","target":"/run/secrets/docker/config.json"}]')
    expect(input).toContain('"DOCKER_CONFIG":"/run/secrets/docker"')
    expect(usesApiSocket(project(), ['plain'])).toBe(false)
    expect(usesApiSocket(project())).toBe(true)
  })

  it('keeps a DOCKER_CONFIG the service sets, and writes a config file like the docker CLI', () => {
    const base = project()
    base.services.tool = { ...(base.services.tool as NonNullable<typeof base.services.tool>), environment: { DOCKER_CONFIG: '/mine' } }
    expect(applyApiSocket(base, {}).services.tool?.environment).toEqual({ DOCKER_CONFIG: '/mine' })
    expect(dockerConfigFile({})).toBe('{\n\t"auths": {}\n}')
    expect(JSON.parse(dockerConfigFile({ 'z.example': { identitytoken: 'tok', serveraddress: 'z.example' }, 'a.example': { username: 'ü', password: 'x:y' } }))).toEqual({
      auths: { 'a.example': { auth: Buffer.from('ü:x:y').toString('base64') }, 'z.example': { identitytoken: 'tok' } },
    })
  })
})
