/** Read-only routes: the project list, a project's resolved config and its containers. */
import * as v from 'valibot'
import { jsonResponse } from '../errors.ts'
import { redactConfig } from '../redact.ts'
import { ConfigQuery, ContainerInfoSchema, ListProjectsQuery, ProjectSummarySchema, PsQuery } from '../schemas.ts'
import { defineRoute, projectOf } from './define.ts'

export const listProjectsRoute = defineRoute({
  method: 'GET',
  path: '/v1/projects',
  summary: 'List projects (like `docker compose ls`) that live under the declared roots',
  auth: true,
  query: ListProjectsQuery,
  response: { description: 'Projects by name', schema: v.array(ProjectSummarySchema) },
  async handle({ query, abort, deps }) {
    return jsonResponse(await deps.listProjects({ all: query.all }, abort.signal), 200)
  },
})

export const configRoute = defineRoute({
  method: 'GET',
  path: '/v1/projects/:project/config',
  summary: 'The resolved compose model (environment values, build args and secrets masked unless reveal=true)',
  auth: true,
  query: ConfigQuery,
  response: { description: 'The canonical model as JSON', schema: v.record(v.string(), v.unknown()) },
  async handle(input) {
    const config = await input.deps.api.config(projectOf(input), input.query, input.abort.signal)
    return jsonResponse(input.query.reveal === true ? config : redactConfig(config), 200)
  },
})

export const psRoute = defineRoute({
  method: 'GET',
  path: '/v1/projects/:project/ps',
  summary: "The project's containers (like `docker compose ps`)",
  auth: true,
  query: PsQuery,
  response: { description: 'Containers', schema: v.array(ContainerInfoSchema) },
  async handle(input) {
    return jsonResponse(await input.deps.api.ps(projectOf(input), input.query, input.abort.signal), 200)
  },
})
