/**
 * Where the Docker Engine is: resolved the way the docker CLI does it.
 * Precedence: DOCKER_CONTEXT, then DOCKER_HOST, then the config's `currentContext`, then the
 * default socket. TLS from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH or from the context's TLS folder.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { ComposeError } from '../errors.ts'
import type { Environment } from '../runtime/env.ts'

export interface TlsMaterial {
  ca?: string
  cert?: string
  key?: string
  /** false when the server certificate is not verified (DOCKER_TLS without VERIFY, SkipTLSVerify). */
  verify: boolean
}

export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string; address: string; context: string }
  | { kind: 'tcp'; origin: string; address: string; context: string; tls?: TlsMaterial }

export const DEFAULT_SOCKET = '/var/run/docker.sock'

export interface ResolveEndpointOptions {
  env: Environment
  /** The user's home directory (for ~/.docker). */
  home: string
  /** Explicit host, e.g. from `--host`. Wins over everything. */
  host?: string
  /** Explicit context, e.g. from `--context`. */
  context?: string
}

export function dockerConfigDir(env: Environment, home: string): string {
  return env.DOCKER_CONFIG ?? join(home, '.docker')
}

export function resolveEndpoint(opts: ResolveEndpointOptions): EngineEndpoint {
  return withSetAsideCas(endpointOf(opts), opts.env)
}

function endpointOf(opts: ResolveEndpointOptions): EngineEndpoint {
  const { env } = opts
  if (opts.host !== undefined) return fromHost(opts.host, 'default', tlsFromEnv(opts))
  const configDir = dockerConfigDir(env, opts.home)
  const contextName = opts.context ?? nonEmpty(env.DOCKER_CONTEXT)
  if (contextName === undefined && nonEmpty(env.DOCKER_HOST) !== undefined) {
    return fromHost(env.DOCKER_HOST as string, 'default', tlsFromEnv(opts))
  }
  const name = contextName ?? currentContext(configDir)
  if (name === undefined || name === 'default') {
    return fromHost(`unix://${DEFAULT_SOCKET}`, 'default', tlsFromEnv(opts))
  }
  return fromContext(configDir, name)
}

/**
 * bin/compose.cjs starts Node without NODE_EXTRA_CA_CERTS, which it keeps in
 * COMPOSE_NODE_EXTRA_CA_CERTS (parsing them would cost every command ~35-55 ms). A TLS engine
 * checked against the default roots, with no CA file of its own, is checked against those roots
 * and these certificates, as Node would have done with the variable.
 */
function withSetAsideCas(endpoint: EngineEndpoint, env: Environment): EngineEndpoint {
  const file = nonEmpty(env.COMPOSE_NODE_EXTRA_CA_CERTS)
  if (file === undefined || endpoint.kind !== 'tcp' || endpoint.tls === undefined || !endpoint.tls.verify || endpoint.tls.ca !== undefined) return endpoint
  // node:tls only on this path: loading it costs a short command ~4 ms (Node 20.16+, Bun, Deno)
  const tls = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:tls') : undefined
  if (tls === undefined || !existsSync(file)) return endpoint
  const ca = [...tls.rootCertificates, readFileSync(file, 'utf8')].join('\n')
  return { ...endpoint, tls: { ...endpoint.tls, ca } }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function currentContext(configDir: string): string | undefined {
  const file = join(configDir, 'config.json')
  if (!existsSync(file)) return undefined
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown }
    return typeof config.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined
  } catch (cause) {
    throw new ComposeError('ENGINE_UNREACHABLE', `cannot read the Docker config ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'fix or remove that file, or set DOCKER_HOST',
    })
  }
}

function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}

function fromContext(configDir: string, name: string): EngineEndpoint {
  const digest = contextDigest(name)
  const metaFile = join(configDir, 'contexts', 'meta', digest, 'meta.json')
  if (!existsSync(metaFile)) {
    throw new ComposeError('ENGINE_UNREACHABLE', `Docker context "${name}" does not exist (looked for ${metaFile})`, {
      hint: 'list contexts with `docker context ls`, or unset DOCKER_CONTEXT / fix currentContext in the Docker config',
    })
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
    Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } }
  }
  const docker = meta.Endpoints?.docker
  if (docker?.Host === undefined) {
    throw new ComposeError('ENGINE_UNREACHABLE', `Docker context "${name}" has no docker endpoint (${metaFile})`)
  }
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker')
  let tls: TlsMaterial | undefined
  if (existsSync(tlsDir)) {
    tls = { ...readTlsFiles(tlsDir), verify: docker.SkipTLSVerify !== true }
  } else if (docker.SkipTLSVerify === true) {
    tls = { verify: false }
  }
  return fromHost(docker.Host, name, tls)
}

function tlsFromEnv(opts: ResolveEndpointOptions): TlsMaterial | undefined {
  const verify = nonEmpty(opts.env.DOCKER_TLS_VERIFY) !== undefined
  const tls = verify || nonEmpty(opts.env.DOCKER_TLS) !== undefined
  if (!tls) return undefined
  const dir = nonEmpty(opts.env.DOCKER_CERT_PATH) ?? dockerConfigDir(opts.env, opts.home)
  return { ...readTlsFiles(dir), verify }
}

function readTlsFiles(dir: string): Omit<TlsMaterial, 'verify'> {
  const read = (f: string): string | undefined => {
    const p = join(dir, f)
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined
  }
  const out: Omit<TlsMaterial, 'verify'> = {}
  const ca = read('ca.pem')
  const cert = read('cert.pem')
  const key = read('key.pem')
  if (ca !== undefined) out.ca = ca
  if (cert !== undefined) out.cert = cert
  if (key !== undefined) out.key = key
  return out
}

/** Parses a DOCKER_HOST value. */
export function fromHost(host: string, context: string, tls?: TlsMaterial): EngineEndpoint {
  const match = /^([a-z]+):\/\/(.*)$/.exec(host)
  if (match === null) {
    throw new ComposeError('ENGINE_UNREACHABLE', `unsupported Docker host "${host}"`, {
      hint: 'use unix:///path/to/docker.sock or tcp://host:port',
    })
  }
  const [, scheme, rest = ''] = match
  if (scheme === 'unix') {
    const socketPath = rest === '' ? DEFAULT_SOCKET : rest
    return { kind: 'unix', socketPath, address: `unix://${socketPath}`, context }
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const hostPort = rest.replace(/\/+$/, '')
    const secure = scheme === 'https' || (scheme === 'tcp' && tls !== undefined)
    const withPort = /:\d+$/.test(hostPort) || hostPort.startsWith('[') && /\]:\d+$/.test(hostPort) ? hostPort : `${hostPort}:${secure ? 2376 : 2375}`
    const origin = `${secure ? 'https' : 'http'}://${withPort}`
    const endpoint: EngineEndpoint = { kind: 'tcp', origin, address: `tcp://${withPort}`, context }
    if (secure) endpoint.tls = tls ?? { verify: true }
    return endpoint
  }
  throw new ComposeError('ENGINE_UNREACHABLE', `Docker host scheme "${scheme}://" is not supported (${host})`, {
    hint: scheme === 'ssh' ? 'forward the remote socket with `ssh -L /tmp/docker.sock:/var/run/docker.sock host` and set DOCKER_HOST=unix:///tmp/docker.sock' : 'use unix:// or tcp://',
  })
}
