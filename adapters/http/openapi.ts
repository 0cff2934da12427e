/**
 * The OpenAPI 3.1 document, generated from the route table and its valibot schemas
 * (served at /v1/openapi.json).
 */
import type * as v from 'valibot'
import { isOptionalSchema, toJsonSchema, type JsonSchema } from './json-schema.ts'
import type { RouteDef } from './routes/define.ts'
import { ErrorBodySchema, ProjectRefParam } from './schemas.ts'

const STREAM_TYPES = { sse: 'text/event-stream', ndjson: 'application/x-ndjson', text: 'text/plain' } as const

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input, malformed JSON, or a project reference with NUL, `..` or an absolute path',
  '401': 'Missing or wrong bearer token',
  '403': 'Host, Origin or Content-Type refused, or a path that leaves the declared roots',
  '404': 'No such project, service or container',
  '409': 'The project is busy with another operation, or an engine conflict',
  '413': 'Request body larger than 1 MiB',
  '415': 'Content-Type other than application/json',
  '422': 'Invalid compose files (with file, line and col)',
  '500': 'Internal or engine error',
}

export interface OpenApiInfo {
  title: string
  version: string
}

function parameters(route: RouteDef): Record<string, unknown>[] {
  const params: Record<string, unknown>[] = []
  if (route.path.includes(':project')) {
    params.push({ name: 'project', in: 'path', required: true, schema: toJsonSchema(ProjectRefParam) })
  }
  const entries = (route.query as unknown as { entries?: Record<string, v.GenericSchema> } | undefined)?.entries ?? {}
  for (const [name, schema] of Object.entries(entries)) {
    const json = toJsonSchema(schema)
    const { description, ...rest } = json
    params.push({ name, in: 'query', required: !isOptionalSchema(schema), schema: rest, ...(description === undefined ? {} : { description }) })
  }
  return params
}

function responses(route: RouteDef): Record<string, unknown> {
  const content: Record<string, { schema: JsonSchema }> = {}
  const schema = route.response.schema === undefined ? {} : toJsonSchema(route.response.schema)
  // Operations answer JSON unless a stream is asked for; stream routes only stream.
  if (route.response.streams === undefined || route.method === 'POST') content['application/json'] = { schema }
  for (const format of route.response.streams ?? []) content[STREAM_TYPES[format]] = { schema: format === 'text' ? { type: 'string' } : schema }
  const out: Record<string, unknown> = { '200': { description: route.response.description, content } }
  for (const [status, description] of Object.entries(ERROR_STATUSES)) {
    if (!route.auth && status === '401') continue
    out[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  }
  return out
}

export function buildOpenApi(routes: readonly RouteDef[], info: OpenApiInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}')
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${path.replace(/\{[^}]+\}/g, '').split(/[/.-]/).map((p) => (p === '' ? '' : p[0]?.toUpperCase() + p.slice(1))).join('')}`,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      parameters: parameters(route),
      responses: responses(route),
      security: route.auth ? [{ bearer: [] }] : [],
    }
    if (route.body !== undefined) {
      operation.requestBody = { required: false, content: { 'application/json': { schema: toJsonSchema(route.body) } } }
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'The compose HTTP API. Every route but /v1/health needs `Authorization: Bearer <token>`.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token from the server\'s token file' } },
      schemas: { Error: toJsonSchema(ErrorBodySchema) },
    },
  }
}
