/**
 * `use_api_socket: true` (docker compose's apiSocket.go). The engine has no such setting: like
 * `docker run --use-api-socket`, it is done on the client by editing the project before its
 * containers are hashed and created. Each such service gets:
 * - the engine's socket bind-mounted at /var/run/docker.sock;
 * - the user's registry credentials as a Docker config file, /run/secrets/docker/config.json
 *   (a `content:` config, written into the container before it starts);
 * - DOCKER_CONFIG=/run/secrets/docker, unless the service sets DOCKER_CONFIG itself, in which
 *   case the file is still written but nothing points at it.
 * The same edit as docker compose's, so both compute the same config hash.
 */
import { resolveAllRegistryAuth, type AuthOptions } from '../engine/auth.ts'
import type { AuthConfig } from '../engine/types.ts'
import type { Project, ServiceConfig } from '../model/project.ts'

/** The project config that carries the credentials (a name no compose file can declare). */
export const API_SOCKET_CONFIG = '#apisocket'
const SOCKET = '/var/run/docker.sock'
const CONFIG_DIR = '/run/secrets/docker'

/** Whether one of `services` (default: all) asks for the engine's socket. */
export function usesApiSocket(project: Project, services: Iterable<string> = Object.keys(project.services)): boolean {
  for (const name of services) if (project.services[name]?.use_api_socket === true) return true
  return false
}

/**
 * The project as its containers see it with `use_api_socket`; the project itself when no
 * service uses it. Reads the credentials (config.json, credential helpers) only then.
 */
export async function withApiSocket(project: Project, auth: AuthOptions | undefined): Promise<Project> {
  // once only: `run` passes its project on to `up` for the dependencies
  if (!usesApiSocket(project) || project.configs[API_SOCKET_CONFIG] !== undefined) return project
  const credentials = auth === undefined ? {} : await resolveAllRegistryAuth(auth)
  return applyApiSocket(project, credentials)
}

/** The edit itself (pure): socket, credentials config and DOCKER_CONFIG for each service that asks. */
export function applyApiSocket(project: Project, credentials: Readonly<Record<string, AuthConfig>>): Project {
  const services: Record<string, ServiceConfig> = {}
  for (const [name, service] of Object.entries(project.services)) {
    if (service.use_api_socket !== true) {
      services[name] = service
      continue
    }
    const environment = service.environment ?? {}
    services[name] = {
      ...service,
      volumes: [...(service.volumes ?? []), { type: 'bind', source: SOCKET, target: SOCKET }],
      environment: 'DOCKER_CONFIG' in environment ? environment : { ...environment, DOCKER_CONFIG: CONFIG_DIR },
      configs: [...(service.configs ?? []), { source: API_SOCKET_CONFIG, target: `${CONFIG_DIR}/config.json` }],
    }
  }
  return { ...project, services, configs: { ...project.configs, [API_SOCKET_CONFIG]: { content: dockerConfigFile(credentials) } } }
}

/**
 * A Docker config file holding `credentials`, as the docker CLI saves one (configfile's
 * SaveToWriter): `auth` is base64 of `user:password`, the other fields dropped but an identity
 * token; keys sorted, tab-indented.
 */
export function dockerConfigFile(credentials: Readonly<Record<string, AuthConfig>>): string {
  const auths: Record<string, { auth?: string; identitytoken?: string; registrytoken?: string }> = {}
  for (const key of Object.keys(credentials).sort()) {
    const c = credentials[key] as AuthConfig
    const entry: { auth?: string; identitytoken?: string; registrytoken?: string } = {}
    const user = c.username ?? ''
    const password = c.password ?? ''
    if (user !== '' || password !== '') entry.auth = base64(`${user}:${password}`)
    if (c.identitytoken !== undefined && c.identitytoken !== '') entry.identitytoken = c.identitytoken
    if (c.registrytoken !== undefined && c.registrytoken !== '') entry.registrytoken = c.registrytoken
    auths[key] = entry
  }
  return JSON.stringify({ auths }, null, '\t')
}

function base64(text: string): string {
  let binary = ''
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b)
  return btoa(binary)
}
