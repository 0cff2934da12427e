/**
 * compose-plugin-traefik-labels — turns an `x-traefik` extension on a service into Traefik
 * (v2/v3) routing labels on its containers:
 *
 *   services:
 *     app:
 *       image: my/app
 *       x-traefik: { host: app.localhost, port: 8080 }
 *
 * becomes `traefik.enable=true`, `traefik.http.routers.<project>-app.rule=Host(`app.localhost`)`,
 * `traefik.http.services.<project>-app.loadbalancer.server.port=8080`, … on the create body.
 * `x-traefik` has a valibot schema (`extensions`), so the loader reports a mistake with
 * file:line:col before anything is created; labels the service sets itself win over generated ones.
 * Uses only the public API (in a package: `import { … } from 'compose'`).
 */
import * as v from 'valibot'
import { ComposeError, definePlugin, type ComposePlugin } from '../../../core/index.ts'

export interface TraefikLabelsOptions {
  /** Entry points for every router unless `x-traefik.entrypoints` says otherwise (e.g. `['websecure']`). */
  entrypoints?: string[]
  /** `traefik.docker.network`: the network Traefik reaches the containers on. */
  network?: string
  /** `tls.certresolver` for routers with `tls: true`. */
  certResolver?: string
}

/** What `x-traefik` on a service holds (services without it get no labels). */
export interface TraefikRoute {
  /** Host name(s): `Host(`a`) || Host(`b`)`. */
  host: string | string[]
  /** Container port the service listens on (needed when the image exposes several). */
  port?: number
  /** `PathPrefix(...)` added to the rule. */
  path?: string
  entrypoints?: string[]
  tls?: boolean
  middlewares?: string[]
  /** Router and service name (default `<project>-<service>`). */
  name?: string
}

const KEY = 'x-traefik'

const name = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'))
const host = v.pipe(v.string(), v.regex(/^[A-Za-z0-9.*-]+$/, 'a host name'))
/** The schema the loader checks `x-traefik` against (errors carry file:line:col). */
export const traefikRouteSchema = v.strictObject({
  host: v.union([host, v.pipe(v.array(host), v.minLength(1))]),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))),
  path: v.optional(v.pipe(v.string(), v.startsWith('/', 'path must start with /'))),
  entrypoints: v.optional(v.array(name)),
  tls: v.optional(v.boolean()),
  middlewares: v.optional(v.array(v.string())),
  name: v.optional(name),
})

/** One service's `x-traefik` (the loader already checked it against the schema; checked again for library callers); undefined when absent. */
export function readRoute(service: string, value: unknown): TraefikRoute | undefined {
  if (value === undefined || value === null) return undefined
  const bad = (message: string): ComposeError =>
    new ComposeError('CONFIG_INVALID', `services.${service}.${KEY}: ${message}`, { hint: `e.g. ${KEY}: { host: app.localhost, port: 8080 }` })
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('must be a mapping')
  const v = value as Record<string, unknown>
  const hosts = Array.isArray(v.host) ? v.host : [v.host]
  if (hosts.length === 0 || !hosts.every((h) => typeof h === 'string' && /^[A-Za-z0-9.*-]+$/.test(h))) throw bad('host must be a host name or a list of them')
  if (v.port !== undefined && (typeof v.port !== 'number' || !Number.isInteger(v.port) || v.port < 1 || v.port > 65535)) throw bad('port must be an integer between 1 and 65535')
  if (v.path !== undefined && (typeof v.path !== 'string' || !v.path.startsWith('/'))) throw bad('path must start with /')
  for (const list of ['entrypoints', 'middlewares'] as const) {
    if (v[list] !== undefined && !(Array.isArray(v[list]) && (v[list] as unknown[]).every((x) => typeof x === 'string'))) throw bad(`${list} must be a list of names`)
  }
  if (v.tls !== undefined && typeof v.tls !== 'boolean') throw bad('tls must be true or false')
  if (v.name !== undefined && (typeof v.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(v.name))) throw bad('name must be letters, digits, - and _')
  const unknown = Object.keys(v).filter((k) => !['host', 'port', 'path', 'entrypoints', 'tls', 'middlewares', 'name'].includes(k))
  if (unknown.length > 0) throw bad(`unknown key(s): ${unknown.join(', ')}`)
  return v as unknown as TraefikRoute
}

/** The labels for one service's route. */
export function traefikLabels(project: string, service: string, route: TraefikRoute, options: TraefikLabelsOptions = {}): Record<string, string> {
  const name = route.name ?? `${project}-${service}`.replace(/[^A-Za-z0-9_-]/g, '-')
  const hosts = (Array.isArray(route.host) ? route.host : [route.host]).map((h) => `Host(\`${h}\`)`)
  const hostRule = hosts.length === 1 ? (hosts[0] as string) : `(${hosts.join(' || ')})`
  const rule = route.path === undefined ? hostRule : `${hostRule} && PathPrefix(\`${route.path}\`)`
  const router = `traefik.http.routers.${name}`
  const labels: Record<string, string> = {
    'traefik.enable': 'true',
    [`${router}.rule`]: rule,
    [`${router}.service`]: name,
  }
  const entrypoints = route.entrypoints ?? options.entrypoints
  if (entrypoints !== undefined && entrypoints.length > 0) labels[`${router}.entrypoints`] = entrypoints.join(',')
  if (route.tls === true) {
    labels[`${router}.tls`] = 'true'
    if (options.certResolver !== undefined) labels[`${router}.tls.certresolver`] = options.certResolver
  }
  if (route.middlewares !== undefined && route.middlewares.length > 0) labels[`${router}.middlewares`] = route.middlewares.join(',')
  if (route.port !== undefined) labels[`traefik.http.services.${name}.loadbalancer.server.port`] = String(route.port)
  if (options.network !== undefined) labels['traefik.docker.network'] = options.network
  return labels
}

export const traefikLabelsPlugin = definePlugin((options: TraefikLabelsOptions = {}): ComposePlugin => ({
  name: 'compose-plugin-traefik-labels',
  extensions: { [KEY]: { on: 'services', schema: traefikRouteSchema } },
  hooks: {
    'container:create': (_ctx, draft) => {
      const route = readRoute(draft.service.name, draft.service[KEY])
      if (route === undefined) return
      // the service's own labels win: generated ones only fill in
      draft.spec.body.Labels = { ...traefikLabels(draft.project.name, draft.service.name, route, options), ...draft.spec.body.Labels }
    },
  },
}))

export default traefikLabelsPlugin
