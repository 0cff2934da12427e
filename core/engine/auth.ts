/**
 * Registry credentials for `X-Registry-Auth` / `X-Registry-Config`, read the way the docker CLI
 * reads them: `credHelpers[registry]`, else `credsStore`, else `auths[registry]` of the Docker
 * config (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`). Helpers are run as
 * `docker-credential-<name> get` with the registry on stdin, found on the injected PATH.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { ComposeError } from '../errors.ts'
import type { Environment } from '../runtime/env.ts'
import { dockerConfigDir } from './host.ts'
import { parseDockerRef } from './image-ref.ts'
import type { AuthConfig } from './types.ts'

export interface AuthOptions {
  env: Environment
  home: string
  /** How long a credential helper may take (ms, default 30 s). */
  helperTimeout?: number
}

interface ConfigAuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  email?: string
}

export interface DockerConfigFile {
  auths?: Record<string, ConfigAuthEntry>
  credsStore?: string
  credHelpers?: Record<string, string>
}

/** The key Docker Hub credentials are stored under. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/'
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'])

/** A registry address as the Docker config keys it: Docker Hub's URL, else `host[:port]`. */
export function registryKey(address: string): string {
  const host = address.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase()
  return host === '' || HUB_HOSTS.has(host) ? DOCKER_HUB_KEY : host
}

/** The registry of an image reference (`busybox` → Docker Hub, `localhost:5000/x:1` → `localhost:5000`). */
export function registryOfImage(ref: string): string {
  return registryKey(parseDockerRef(ref).name.split('/')[0] ?? '')
}

export function readDockerConfig(options: AuthOptions): DockerConfigFile {
  const file = join(dockerConfigDir(options.env, options.home), 'config.json')
  if (!existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DockerConfigFile
  } catch (cause) {
    throw new ComposeError('REGISTRY_AUTH', `cannot read the Docker config ${file}: ${(cause as Error).message}`, { cause, hint: 'fix the JSON of that file' })
  }
}

/** Credentials for one registry, or undefined when there are none (anonymous access). */
export async function resolveRegistryAuth(registry: string, options: AuthOptions): Promise<AuthConfig | undefined> {
  const key = registryKey(registry)
  const config = readDockerConfig(options)
  const helper = findKey(config.credHelpers, key) ?? config.credsStore
  if (helper !== undefined && helper !== '') return helperGet(helper, key, options)
  const entry = findKey(config.auths, key)
  return entry === undefined ? undefined : fromEntry(entry, key)
}

/** Every registry's credentials (for `X-Registry-Config` of a build). */
export async function resolveAllRegistryAuth(options: AuthOptions): Promise<Record<string, AuthConfig>> {
  const config = readDockerConfig(options)
  const keys = new Set<string>(Object.keys(config.auths ?? {}).map(registryKey))
  for (const k of Object.keys(config.credHelpers ?? {})) keys.add(registryKey(k))
  if (config.credsStore !== undefined && config.credsStore !== '') {
    const listed = JSON.parse(await runHelper(config.credsStore, 'list', '', options)) as Record<string, string>
    for (const k of Object.keys(listed)) keys.add(registryKey(k))
  }
  const out: Record<string, AuthConfig> = {}
  for (const key of keys) {
    const auth = await resolveRegistryAuth(key, options)
    if (auth !== undefined) out[key] = auth
  }
  return out
}

/** Base64url (RFC 4648 §5) of the JSON, as `X-Registry-Auth` and `X-Registry-Config` carry it. */
export function encodeRegistryHeader(value: AuthConfig | Record<string, AuthConfig>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_')
}

/** `{ 'x-registry-auth': … }` for an image reference, or `{}` without credentials. */
export async function registryAuthHeaders(imageRef: string, options: AuthOptions): Promise<Record<string, string>> {
  const auth = await resolveRegistryAuth(registryOfImage(imageRef), options)
  return auth === undefined ? {} : { 'x-registry-auth': encodeRegistryHeader(auth) }
}

function findKey<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  if (map === undefined) return undefined
  if (map[key] !== undefined) return map[key]
  for (const [k, v] of Object.entries(map)) if (registryKey(k) === key) return v
  return undefined
}

function fromEntry(entry: ConfigAuthEntry, key: string): AuthConfig | undefined {
  let username = entry.username
  let password = entry.password
  if (entry.auth !== undefined && entry.auth !== '') {
    let decoded: string
    try {
      decoded = new TextDecoder().decode(Uint8Array.from(atob(entry.auth), (c) => c.charCodeAt(0)))
    } catch (cause) {
      throw new ComposeError('REGISTRY_AUTH', `invalid "auth" for ${key} in the Docker config (not base64)`, { cause, hint: `log in again with \`docker login ${key}\`` })
    }
    const colon = decoded.indexOf(':')
    if (colon === -1) throw new ComposeError('REGISTRY_AUTH', `invalid "auth" for ${key} in the Docker config (no user:password)`, { hint: `log in again with \`docker login ${key}\`` })
    username = decoded.slice(0, colon)
    password = decoded.slice(colon + 1)
  }
  const auth: AuthConfig = { serveraddress: key }
  if (username !== undefined && username !== '') auth.username = username
  if (entry.identitytoken !== undefined && entry.identitytoken !== '') auth.identitytoken = entry.identitytoken
  else if (password !== undefined && password !== '') auth.password = password
  if (auth.username === undefined && auth.identitytoken === undefined) return undefined
  return auth
}

async function helperGet(helper: string, key: string, options: AuthOptions): Promise<AuthConfig | undefined> {
  let output: string
  try {
    output = await runHelper(helper, 'get', key, options)
  } catch (error) {
    if (error instanceof ComposeError && /credentials not found/i.test(error.message)) return undefined
    throw error
  }
  let parsed: { Username?: string; Secret?: string }
  try {
    parsed = JSON.parse(output) as { Username?: string; Secret?: string }
  } catch (cause) {
    throw new ComposeError('REGISTRY_AUTH', `docker-credential-${helper} answered with invalid JSON: ${output.slice(0, 100)}`, { cause })
  }
  if (parsed.Secret === undefined || parsed.Secret === '') return undefined
  if (parsed.Username === '<token>') return { identitytoken: parsed.Secret, serveraddress: key }
  return { username: parsed.Username ?? '', password: parsed.Secret, serveraddress: key }
}

function findExecutable(name: string, env: Environment): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin; resolves with its stdout. */
async function runHelper(helper: string, action: 'get' | 'list', input: string, options: AuthOptions): Promise<string> {
  const name = `docker-credential-${helper}`
  const path = findExecutable(name, options.env)
  if (path === undefined) {
    throw new ComposeError('REGISTRY_AUTH', `the credential helper ${name} is not on PATH`, {
      hint: `install ${name}, or remove "${helper}" from credsStore/credHelpers in the Docker config`,
    })
  }
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v
  // loaded on use: node:child_process (and dgram, which it pulls in) is a few ms of every start
  const { spawn } = await import('node:child_process')
  return new Promise<string>((resolve, reject) => {
    const child = spawn(path, [action], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Uint8Array[] = []
    const err: Uint8Array[] = []
    const timer = setTimeout(() => child.kill(), options.helperTimeout ?? 30_000)
    child.stdout.on('data', (c: Uint8Array) => out.push(c))
    child.stderr.on('data', (c: Uint8Array) => err.push(c))
    child.on('error', (cause) => {
      clearTimeout(timer)
      reject(new ComposeError('REGISTRY_AUTH', `cannot run ${name}: ${cause.message}`, { cause }))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const stdout = decode(out).trim()
      if (code === 0) return resolve(stdout)
      const message = stdout || decode(err).trim() || `exit code ${String(code)}`
      reject(new ComposeError('REGISTRY_AUTH', `${name} ${action} failed: ${message}`, { hint: `check the helper, or log in again with \`docker login\`` }))
    })
    child.stdin.on('error', () => {
      // the helper may exit without reading stdin; its exit code tells the story
    })
    child.stdin.end(input)
  })
}

function decode(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder()
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode()
}
