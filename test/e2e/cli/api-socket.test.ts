/**
 * `use_api_socket: true`: the container gets the engine's socket and the user's registry
 * credentials as a Docker config (DOCKER_CONFIG=/run/secrets/docker), as with docker compose.
 * A service that sets DOCKER_CONFIG itself keeps its value. A second `up` recreates nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectContainer } from '../../../core/engine/api/containers.ts'
import { client, createProject, idle } from './_project.ts'

describe('use_api_socket', () => {
  const p = createProject('apisock', `
services:
  tool:
${idle('    use_api_socket: true\n')}
  own:
${idle('    use_api_socket: true\n    environment: { DOCKER_CONFIG: /etc/docker-cfg }\n')}
  plain:
${idle()}
`)
  afterAll(() => p.cleanup())
  // the user's Docker config: the credentials compose hands to the container
  const dockerConfig = join(p.dir, 'docker-config')
  mkdirSync(dockerConfig)
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { 'registry.test:5000': { auth: btoa('alice:s3cret') } } }))
  const env = { DOCKER_CONFIG: dockerConfig }

  it('mounts the engine socket and writes the credentials where DOCKER_CONFIG points', async () => {
    const up = p.run(['up', '-d'], { env })
    expect(up.code, up.stderr).toBe(0)
    expect(up.stderr).not.toContain('use_api_socket')
    const [own, plain, tool] = await p.containers()
    const info = await inspectContainer(client, tool?.id ?? '')
    expect(info.Mounts).toEqual(expect.arrayContaining([expect.objectContaining({ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' })]))
    expect(info.Config.Env).toContain('DOCKER_CONFIG=/run/secrets/docker')
    expect(p.run(['exec', '-T', 'tool', 'sh', '-c', 'test -S /var/run/docker.sock && echo socket']).stdout).toBe('socket\n')
    const file = JSON.parse(p.run(['exec', '-T', 'tool', 'cat', '/run/secrets/docker/config.json']).stdout) as { auths: Record<string, { auth: string }> }
    expect(file).toEqual({ auths: { 'registry.test:5000': { auth: btoa('alice:s3cret') } } })
    // DOCKER_CONFIG set by the service wins; the file is written all the same
    expect((await inspectContainer(client, own?.id ?? '')).Config.Env).toContain('DOCKER_CONFIG=/etc/docker-cfg')
    expect(p.run(['exec', '-T', 'own', 'ls', '/run/secrets/docker']).stdout).toBe('config.json\n')
    // a service without it gets nothing
    const plainInfo = await inspectContainer(client, plain?.id ?? '')
    expect(plainInfo.Mounts.map((m) => m.Destination)).not.toContain('/var/run/docker.sock')
    expect((plainInfo.Config.Env ?? []).some((e) => e.startsWith('DOCKER_CONFIG='))).toBe(false)
  })

  it('recreates nothing on a second up, and run gets the same', async () => {
    const before = (await p.containers()).map((c) => c.id)
    const again = p.run(['up', '-d'], { env })
    expect(again.code, again.stderr).toBe(0)
    expect((await p.containers()).map((c) => c.id)).toEqual(before)
    const run = p.run(['run', '--rm', '-T', 'tool', 'sh', '-c', 'test -S /var/run/docker.sock && cat $DOCKER_CONFIG/config.json'], { env })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ auths: { 'registry.test:5000': { auth: btoa('alice:s3cret') } } })
  })
})
