/**
 * `alpha generate`: a compose model written from containers that exist (here made with
 * `docker run`), by name or ID; containers of a compose service become one service with a scale.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { compose } from '../cli-runtime.ts'
import { createProject, idle } from './_project.ts'

const name = `e2e-gen-${process.pid}`
const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim()

describe('alpha generate', () => {
  const p = createProject('gen', `services:\n  web:\n${idle('    scale: 2\n    labels: { tier: front }\n')}`)
  afterAll(async () => {
    docker('rm', '-f', name)
    docker('volume', 'rm', '-f', `${name}-data`)
    await p.cleanup()
  })

  it('describes a docker run container: image, environment, labels, healthcheck, ports, volumes, binds, networks', () => {
    const id = docker('run', '-d', '--name', name, '-e', 'FOO=bar', '-p', '127.0.0.1::80', '-v', `${name}-data:/data`, '-v', '/tmp:/host:ro', '--label', 'team=x', '--health-cmd', 'true', '--health-interval', '30s', 'busybox:latest', 'sleep', '300')
    const res = compose(['alpha', 'generate', '--name', 'demo', '--format', 'json', id.slice(0, 12)])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stderr).toBe('generate command is EXPERIMENTAL\n')
    const doc = JSON.parse(res.stdout) as { name: string; services: Record<string, Record<string, unknown>>; volumes: object; networks: object }
    expect(doc.name).toBe('demo')
    expect(doc.services[name]).toMatchObject({
      image: 'busybox:latest',
      labels: { team: 'x' },
      scale: 1,
      healthcheck: { test: ['CMD-SHELL', 'true'], interval: '30s' },
      ports: [expect.objectContaining({ target: 80, host_ip: '127.0.0.1', protocol: 'tcp' })],
      networks: { bridge: null },
    })
    // the engine lists mounts in no set order
    const volumes = doc.services[name]?.volumes as object[]
    expect(volumes).toHaveLength(2)
    expect(volumes).toEqual(
      expect.arrayContaining([
        { type: 'volume', source: `${name}-data`, target: '/data' },
        { type: 'bind', source: '/tmp', target: '/host', read_only: true },
      ]),
    )
    expect((doc.services[name]?.environment as Record<string, string>).FOO).toBe('bar')
    expect(Object.keys(doc.volumes)).toEqual([`${name}-data`])
    expect(Object.keys(doc.networks)).toEqual(['bridge'])
  })

  it('the containers of a compose service become one service, its labels without compose’s own', async () => {
    expect(p.run(['up', '-d']).code).toBe(0)
    const names = (await p.containers()).map((c) => c.name)
    const res = compose(['alpha', 'generate', ...names])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toMatch(/^services:\n {2}web:\n/)
    expect(res.stdout).toContain('    scale: 2\n')
    expect(res.stdout).toContain('    labels:\n      tier: front\n')
    expect(res.stdout).not.toContain('com.docker.compose')
    const none = compose(['alpha', 'generate', 'no-such-container-here'])
    expect(none.code).not.toBe(0)
    expect(none.stderr).toContain('no container(s) found with the following name(s): no-such-container-here')
  })
})
