/**
 * Test infrastructure: private registries on 127.0.0.1 (Debian's `docker-registry`, i.e.
 * distribution 2.x), one per call, on a free port with storage in a temp dir, with or without
 * htpasswd basic auth. The Docker Engine treats 127.0.0.0/8 as an insecure registry, so plain
 * HTTP works without daemon configuration. Also writes Docker configs (`DOCKER_CONFIG`) holding
 * `auths` for them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const REGISTRY_BINARY = process.env.COMPOSE_TEST_REGISTRY ?? '/usr/bin/docker-registry'

/** The user of the authenticated registries. */
export const REGISTRY_USER = 'compose-e2e'
export const REGISTRY_PASSWORD = 'compose-e2e-pass'
/**
 * bcrypt (cost 10) of REGISTRY_PASSWORD, precomputed so that the tests need neither `htpasswd`
 * (apache2-utils) nor a bcrypt library. Made with
 * `python3 -c "import crypt; print(crypt.crypt('compose-e2e-pass', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1024)))"`.
 */
const PASSWORD_BCRYPT = '$2b$10$qQPRTIWbCGx53tD7eGkjw.7DwoG84x7et5O6kkOu3DbegC0I7/VLu'

export interface Registry {
  /** `127.0.0.1:<port>`: the image-name prefix and the Docker config key. */
  address: string
  auth: { username: string; password: string } | undefined
  /** The registry's log so far (for failure messages). */
  log(): string
  stop(): Promise<void>
}

export function registryAvailable(): boolean {
  return existsSync(REGISTRY_BINARY)
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startRegistry(options: { auth?: boolean } = {}): Promise<Registry> {
  const dir = await mkdtemp(join(tmpdir(), 'compose-registry-'))
  const port = await freePort()
  const address = `127.0.0.1:${port}`
  const auth = options.auth === true ? { username: REGISTRY_USER, password: REGISTRY_PASSWORD } : undefined
  if (auth !== undefined) await writeFile(join(dir, 'htpasswd'), `${auth.username}:${PASSWORD_BCRYPT}\n`)
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${address}`,
    '  secret: compose-e2e-not-secret',
    ...(auth === undefined ? [] : ['auth:', '  htpasswd:', '    realm: compose-e2e', `    path: ${join(dir, 'htpasswd')}`]),
  ].join('\n')
  await writeFile(join(dir, 'config.yml'), `${config}\n`)
  let output = ''
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`docker-registry exited early (${child.exitCode}): ${output}`)
    }
    try {
      const res = await fetch(`http://${address}/v2/`)
      if (res.status === 200 || res.status === 401) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`docker-registry did not answer on ${address}: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { address, auth, log: () => output, stop }
}

/** A temp Docker config dir whose config.json logs in to the given registries (`auths`). */
export async function dockerConfig(registries: readonly Registry[]): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'compose-docker-config-'))
  const auths: Record<string, { auth: string }> = {}
  for (const r of registries) {
    if (r.auth !== undefined) auths[r.address] = { auth: Buffer.from(`${r.auth.username}:${r.auth.password}`).toString('base64') }
  }
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths }, null, 2))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
