/**
 * How a route is declared: method, path, schemas of its inputs and of its answer, and a
 * handler that receives the validated inputs. app.ts registers the table and openapi.ts
 * documents the same table, so the OpenAPI document is generated from what runs.
 */
import type { Context } from 'hono'
import type * as v from 'valibot'
import type { ComposeApi, ProjectRef, ProjectSummary } from '../api.ts'
import type { ProjectLocks } from '../project-locks.ts'
import type { StreamLimit } from '../stream-limit.ts'
import type { StreamFormat } from '../stream.ts'

export type Schema = v.GenericSchema

type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined

export interface RouteDeps {
  api: ComposeApi
  locks: ProjectLocks
  /** Held logs and events streams. */
  streams: StreamLimit
  listProjects(options: { all?: boolean | undefined }, signal: AbortSignal): Promise<ProjectSummary[]>
}

export interface RouteInput<Q, B> {
  query: Out<Q>
  body: Out<B>
  /** The confined project, for routes whose path has `:project`. */
  project: ProjectRef | undefined
  /** Aborts when the client disconnects (or the response stream is cancelled). */
  abort: AbortController
  c: Context
  deps: RouteDeps
}

export interface RouteDef<Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: 'GET' | 'POST'
  /** Hono syntax: `/v1/projects/:project/ps`. */
  path: string
  summary: string
  description?: string
  /** False only for /v1/health. */
  auth: boolean
  query?: Q
  body?: B
  response: { description: string; schema?: Schema; streams?: readonly StreamFormat[] }
  handle(input: RouteInput<Q, B>): Promise<Response>
}

export function defineRoute<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(def: RouteDef<Q, B>): RouteDef<Q, B> {
  return def
}

/** The confined project of a `:project` route (the app resolves it before the handler). */
export function projectOf(input: { project: ProjectRef | undefined }): ProjectRef {
  if (input.project === undefined) throw new Error('route without :project asked for its project')
  return input.project
}
