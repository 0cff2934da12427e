import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromHost, resolveEndpoint } from './host.ts'

function home(): string {
  return mkdtempSync(join(tmpdir(), 'compose-host-'))
}

function writeContext(dir: string, name: string, host: string, tls?: { ca: string; skip?: boolean }): void {
  const digest = createHash('sha256').update(name).digest('hex')
  const meta = join(dir, '.docker', 'contexts', 'meta', digest)
  mkdirSync(meta, { recursive: true })
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: tls?.skip ?? false } } }))
  if (tls !== undefined) {
    const t = join(dir, '.docker', 'contexts', 'tls', digest, 'docker')
    mkdirSync(t, { recursive: true })
    writeFileSync(join(t, 'ca.pem'), tls.ca)
  }
}

describe('resolveEndpoint', () => {
  it('defaults to the local unix socket', () => {
    expect(resolveEndpoint({ env: {}, home: home() })).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
      address: 'unix:///var/run/docker.sock',
      context: 'default',
    })
  })

  it('honours DOCKER_HOST for unix and tcp', () => {
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'unix:///tmp/d.sock' }, home: home() })).toMatchObject({ kind: 'unix', socketPath: '/tmp/d.sock' })
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'tcp://10.0.0.1:2375' }, home: home() })).toMatchObject({
      kind: 'tcp',
      origin: 'http://10.0.0.1:2375',
      address: 'tcp://10.0.0.1:2375',
    })
  })

  it('uses TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, defaulting the port to 2376', () => {
    const h = home()
    const certs = join(h, 'certs')
    mkdirSync(certs)
    writeFileSync(join(certs, 'ca.pem'), 'CA')
    writeFileSync(join(certs, 'cert.pem'), 'CERT')
    writeFileSync(join(certs, 'key.pem'), 'KEY')
    const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://engine.local', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home: h })
    expect(ep).toMatchObject({ kind: 'tcp', origin: 'https://engine.local:2376', tls: { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true } })
  })

  it('follows currentContext from the Docker config, and DOCKER_HOST wins over it', () => {
    const h = home()
    writeContext(h, 'remote', 'tcp://192.0.2.7:2376', { ca: 'CTX-CA' })
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }))
    expect(resolveEndpoint({ env: {}, home: h })).toMatchObject({ origin: 'https://192.0.2.7:2376', context: 'remote', tls: { ca: 'CTX-CA', verify: true } })
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'unix:///x.sock' }, home: h })).toMatchObject({ socketPath: '/x.sock', context: 'default' })
  })

  it('lets DOCKER_CONTEXT win over DOCKER_HOST, like the docker CLI', () => {
    const h = home()
    writeContext(h, 'other', 'unix:///run/other.sock')
    expect(resolveEndpoint({ env: { DOCKER_CONTEXT: 'other', DOCKER_HOST: 'tcp://x:1' }, home: h })).toMatchObject({ socketPath: '/run/other.sock', context: 'other' })
  })

  it('honours DOCKER_CONFIG', () => {
    const h = home()
    writeContext(h, 'c', 'unix:///c.sock')
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: join(h, '.docker'), DOCKER_CONTEXT: 'c' }, home: '/nonexistent' })).toMatchObject({ socketPath: '/c.sock' })
  })

  it('says which context is missing', () => {
    expect(() => resolveEndpoint({ env: { DOCKER_CONTEXT: 'ghost' }, home: home() })).toThrow(/context "ghost" does not exist/)
  })

  it('refuses ssh:// with a workaround', () => {
    expect(() => fromHost('ssh://me@box', 'default')).toThrow(expect.objectContaining({ code: 'ENGINE_UNREACHABLE', hint: expect.stringContaining('ssh -L') }))
  })
})
