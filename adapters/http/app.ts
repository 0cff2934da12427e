/**
 * The HTTP API as a web-standard Hono app (testable with `app.request()`); the runtime
 * servers live in serve-*.ts. Every dependency is injected: the token, the bound port and
 * extra host names, the real paths of the --root directories, the engine client factory and
 * the ComposeApi. Middleware order: security headers, Host allow-list, Origin/Sec-Fetch-Site,
 * bearer token, JSON-only mutations, body limit; no CORS.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as v from 'valibot'
import type { EngineClient } from '../../core/engine/client.ts'
import { COMPOSE_VERSION } from '../../core/version.ts'
import type { ComposeApi, ProjectSummary } from './api.ts'
import { errorResponse, jsonResponse, toHttpError } from './errors.ts'
import { listProjectsFromEngine } from './list-projects.ts'
import { DEFAULT_BODY_LIMIT, limitBody } from './middleware/body-limit.ts'
import { hostAllowlist } from './middleware/host-allowlist.ts'
import { jsonOnly } from './middleware/json-only.ts'
import { originCheck } from './middleware/origin-check.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { tokenAuth } from './middleware/token-auth.ts'
import { buildOpenApi } from './openapi.ts'
import { createProjectLocks } from './project-locks.ts'
import { createProjectResolver } from './project-resolver.ts'
import { createStreamLimit } from './stream-limit.ts'
import type { PathFs } from './roots.ts'
import { defineRoute, type RouteDef, type RouteDeps } from './routes/define.ts'
import { execRoute, operationRoutes } from './routes/operations.ts'
import { configRoute, listProjectsRoute, psRoute } from './routes/projects.ts'
import { eventsRoute, logsRoute } from './routes/streams.ts'
import { ProjectRefParam } from './schemas.ts'
import { parseInput, queryRecord, readJson } from './validate.ts'
import { mountPluginRoutes } from './plugin-routes.ts'
import type { ComposePlugin } from '../../core/hooks.ts'

export interface HttpAppOptions {
  /** The bearer token (at least 16 characters); required on every route but /v1/health. */
  token: string
  /** The bound TCP port, checked in Host; undefined when serving on a unix socket. */
  port?: number | undefined
  /** Exact host names allowed besides localhost, 127.0.0.1 and [::1]. */
  allowedHosts?: readonly string[]
  /** Real paths of the --root directories. */
  roots: readonly string[]
  /** The engine client (created on first use, then reused). */
  engine: () => EngineClient
  api: ComposeApi
  fs?: PathFs
  bodyLimit?: number
  /** Logs and events streams held at once (default 128); more get 429. */
  maxStreams?: number
  /** Plugins fixed at server start whose `routes` are mounted under /v1/plugins/<name>. */
  plugins?: readonly Pick<ComposePlugin, 'name' | 'routes'>[]
  /** Errors that were not ComposeErrors (answered with a bare 500): for the server log. */
  onUnexpectedError?: (error: unknown, request: Request) => void
}

const PUBLIC_PATHS = ['/v1/health']
const EmptyQuery = v.strictObject({})

export function createHttpApp(options: HttpAppOptions): Hono {
  let engine: EngineClient | undefined
  const client = (): EngineClient => (engine ??= options.engine())
  const resolver = createProjectResolver({
    roots: options.roots,
    ...(options.fs === undefined ? {} : { fs: options.fs }),
    findProject: async (name, signal) => (await listProjectsFromEngine(client(), { all: true, name }, signal))[0],
  })
  const deps: RouteDeps = {
    api: options.api,
    locks: createProjectLocks(),
    streams: createStreamLimit(options.maxStreams),
    async listProjects(query, signal) {
      const all: ProjectSummary[] =
        options.api.listProjects === undefined ? await listProjectsFromEngine(client(), query, signal) : await options.api.listProjects(query, signal)
      const visible = await Promise.all(all.map((p) => resolver.isVisible(p)))
      return all.filter((_, i) => visible[i])
    },
  }

  const hosts = { port: options.port, names: options.allowedHosts ?? [] }
  const app = new Hono()
  app.use('*', securityHeaders())
  app.use('*', hostAllowlist(hosts))
  app.use('*', originCheck(hosts))
  app.use('*', tokenAuth({ token: options.token, publicPaths: PUBLIC_PATHS }))
  app.use('*', jsonOnly())
  app.use('*', limitBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT))

  const routes: RouteDef[] = [healthRoute, listProjectsRoute, configRoute, psRoute, ...operationRoutes, execRoute, logsRoute, eventsRoute]
  const document = buildOpenApi([...routes, openApiRoute], { title: 'compose', version: COMPOSE_VERSION })
  const all: RouteDef[] = [...routes, { ...openApiRoute, handle: async () => jsonResponse(document, 200) }]

  for (const route of all) {
    app.on(route.method, route.path, async (c) => {
      const abort = new AbortController()
      const requestSignal = c.req.raw.signal
      if (requestSignal.aborted) abort.abort(requestSignal.reason)
      else requestSignal.addEventListener('abort', () => abort.abort(requestSignal.reason), { once: true })
      const query = parseInput(route.query ?? EmptyQuery, queryRecord(c.req.url), 'query string')
      const body = route.body === undefined ? undefined : parseInput(route.body, await readJson(c.req.raw), 'request body')
      const project = route.path.includes(':project')
        ? await resolver.resolve(parseInput(ProjectRefParam, c.req.param('project'), 'project reference'), abort.signal)
        : undefined
      return route.handle({ query, body, project, abort, c, deps })
    })
  }

  mountPluginRoutes(app, options.plugins ?? [])

  app.notFound(() => errorResponse('HTTP_NOT_FOUND', 'no such route', {}, 'GET /v1/openapi.json lists the routes'))
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse()
    const http = toHttpError(error)
    if (!http.expected) options.onUnexpectedError?.(error, c.req.raw)
    return jsonResponse(http.body, http.status)
  })
  return app
}

const healthRoute = defineRoute({
  method: 'GET',
  path: '/v1/health',
  summary: 'Liveness; the only route without a token',
  auth: false,
  response: { description: 'The server answers', schema: v.object({ status: v.literal('ok'), version: v.string() }) },
  handle: async () => jsonResponse({ status: 'ok', version: COMPOSE_VERSION }, 200),
})

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/v1/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document',
  auth: true,
  response: { description: 'OpenAPI 3.1', schema: v.record(v.string(), v.unknown()) },
  handle: async () => jsonResponse({}, 200),
})
