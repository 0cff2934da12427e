import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DOCKER_HUB_KEY, encodeRegistryHeader, registryAuthHeaders, registryKey, registryOfImage, resolveAllRegistryAuth, resolveRegistryAuth } from './auth.ts'

const root = mkdtempSync(join(tmpdir(), 'compose-auth-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A Docker config dir plus a bin dir holding fake docker-credential-* helpers. */
function setup(config: unknown): { env: Record<string, string>; home: string } {
  const dir = mkdtempSync(join(root, 'case-'))
  const configDir = join(dir, 'docker-config')
  const bin = join(dir, 'bin')
  mkdirSync(configDir)
  mkdirSync(bin)
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config))
  // answers `get` from a JSON file keyed by server URL, `list` with all of them
  writeFileSync(
    join(bin, 'docker-credential-fake'),
    `#!/bin/sh
read -r server || true
case "$1" in
  get)
    case "$server" in
      https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hubuser","Secret":"hubpass"}' ;;
      tok.example) echo '{"ServerURL":"tok.example","Username":"<token>","Secret":"tkn"}' ;;
      *) echo "credentials not found in native keychain"; exit 1 ;;
    esac ;;
  list) echo '{"https://index.docker.io/v1/":"hubuser","tok.example":"<token>"}' ;;
  *) exit 2 ;;
esac
`,
  )
  writeFileSync(join(bin, 'docker-credential-broken'), '#!/bin/sh\necho "boom" >&2\nexit 3\n')
  chmodSync(join(bin, 'docker-credential-fake'), 0o755)
  chmodSync(join(bin, 'docker-credential-broken'), 0o755)
  return { env: { DOCKER_CONFIG: configDir, PATH: `${bin}:/usr/bin:/bin` }, home: join(dir, 'home') }
}

const b64 = (s: string): string => btoa(s)

describe('registry auth', () => {
  it('normalizes registry hosts the way the Docker config keys them', () => {
    expect(registryKey('docker.io')).toBe(DOCKER_HUB_KEY)
    expect(registryKey('index.docker.io')).toBe(DOCKER_HUB_KEY)
    expect(registryKey('https://index.docker.io/v1/')).toBe(DOCKER_HUB_KEY)
    expect(registryKey('registry-1.docker.io')).toBe(DOCKER_HUB_KEY)
    expect(registryKey('https://Registry.Example.com:5000/v2/')).toBe('registry.example.com:5000')
    expect(registryOfImage('busybox')).toBe(DOCKER_HUB_KEY)
    expect(registryOfImage('library/busybox:1')).toBe(DOCKER_HUB_KEY)
    expect(registryOfImage('docker.io/library/busybox')).toBe(DOCKER_HUB_KEY)
    expect(registryOfImage('localhost:5000/app:1')).toBe('localhost:5000')
    expect(registryOfImage('localhost/app')).toBe('localhost')
    expect(registryOfImage('ghcr.io/o/app@sha256:abc')).toBe('ghcr.io')
  })

  it('reads auths entries (auth, identitytoken) and matches keys written with a scheme', async () => {
    const { env, home } = setup({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('me:s3cr:et') },
        'https://reg.example': { auth: b64('u:p') },
        'id.example': { auth: b64('u:'), identitytoken: 'idtok' },
      },
    })
    expect(await resolveRegistryAuth('docker.io', { env, home })).toEqual({ username: 'me', password: 's3cr:et', serveraddress: DOCKER_HUB_KEY })
    expect(await resolveRegistryAuth('reg.example', { env, home })).toEqual({ username: 'u', password: 'p', serveraddress: 'reg.example' })
    expect(await resolveRegistryAuth('id.example', { env, home })).toEqual({ username: 'u', identitytoken: 'idtok', serveraddress: 'id.example' })
    expect(await resolveRegistryAuth('other.example', { env, home })).toBeUndefined()
  })

  it('asks credsStore and credHelpers through docker-credential-* found on the injected PATH', async () => {
    const { env, home } = setup({ credsStore: 'fake', credHelpers: { 'broken.example': 'broken', 'tok.example': 'fake' }, auths: { 'https://index.docker.io/v1/': {} } })
    expect(await resolveRegistryAuth('index.docker.io', { env, home })).toEqual({ username: 'hubuser', password: 'hubpass', serveraddress: DOCKER_HUB_KEY })
    expect(await resolveRegistryAuth('tok.example', { env, home })).toEqual({ identitytoken: 'tkn', serveraddress: 'tok.example' })
    expect(await resolveRegistryAuth('unknown.example', { env, home })).toBeUndefined()
    await expect(resolveRegistryAuth('broken.example', { env, home })).rejects.toMatchObject({ code: 'REGISTRY_AUTH', message: expect.stringContaining('boom') })
    expect(await resolveRegistryAuth('docker.io', { env: { ...env, PATH: '/nonexistent' }, home }).catch((e: unknown) => e)).toMatchObject({
      code: 'REGISTRY_AUTH',
      message: 'the credential helper docker-credential-fake is not on PATH',
    })
  })

  it('collects every registry for X-Registry-Config', async () => {
    const { env, home } = setup({ credsStore: 'fake', auths: { 'plain.example': { auth: b64('a:b') } }, credHelpers: { 'plain.example': 'none-such' } })
    await expect(resolveAllRegistryAuth({ env, home })).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
    const ok = setup({ credsStore: 'fake' })
    expect(await resolveAllRegistryAuth(ok)).toEqual({
      [DOCKER_HUB_KEY]: { username: 'hubuser', password: 'hubpass', serveraddress: DOCKER_HUB_KEY },
      'tok.example': { identitytoken: 'tkn', serveraddress: 'tok.example' },
    })
  })

  it('encodes headers as base64url JSON', async () => {
    const header = encodeRegistryHeader({ username: 'ü?>', password: '~~~' })
    expect(header).not.toMatch(/[+/]/)
    const json = new TextDecoder().decode(Uint8Array.from(atob(header.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))
    expect(JSON.parse(json)).toEqual({ username: 'ü?>', password: '~~~' })
    const { env, home } = setup({ auths: { 'reg.example': { auth: b64('u:p') } } })
    expect(await registryAuthHeaders('busybox', { env, home })).toEqual({})
    expect(Object.keys(await registryAuthHeaders('reg.example/app:1', { env, home }))).toEqual(['x-registry-auth'])
  })

  it('reports a broken config file', async () => {
    const { env, home } = setup({})
    writeFileSync(join(env.DOCKER_CONFIG ?? '', 'config.json'), '{nope')
    await expect(resolveRegistryAuth('docker.io', { env, home })).rejects.toMatchObject({ code: 'REGISTRY_AUTH' })
  })
})
