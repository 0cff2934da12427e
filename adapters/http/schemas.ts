/**
 * Every input of the HTTP API as a valibot schema: path parameters, query strings and JSON
 * bodies. Routes validate with these, api.ts derives the option types from them and
 * openapi.ts documents them, so the three cannot drift apart.
 */
import * as v from 'valibot'

const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/
const NO_NUL = (s: string): boolean => !s.includes('\0')

/** A compose service name. */
export const ServiceName = v.pipe(v.string(), v.maxLength(255), v.regex(SERVICE_NAME, 'invalid service name'))

/** `name` (a project known from engine labels) or `dir:REL` (a directory under a --root). */
export const ProjectRefParam = v.pipe(
  v.string(),
  v.minLength(1, 'empty project reference'),
  v.maxLength(4096, 'project reference too long'),
  v.check(NO_NUL, 'NUL byte in project reference'),
  v.description('A project name (from the engine labels) or `dir:` followed by a directory relative to a --root'),
)

/** A query flag: `true`/`1` or `false`/`0`, documented as a boolean. */
const queryFlag = (description: string) =>
  v.optional(
    v.pipe(
      v.picklist(['true', 'false', '1', '0'], 'expected true or false'),
      v.transform((s) => s === 'true' || s === '1'),
      v.metadata({ jsonSchema: { type: 'boolean' } }),
      v.description(description),
    ),
  )

/** `web,db` → `['web', 'db']`. */
const queryServices = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*(,[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/, 'expected a comma-separated list of service names'),
    v.transform((s) => s.split(',')),
    v.description('Comma-separated service names (default: all)'),
  ),
)

const timeout = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600), v.description('Seconds to wait before killing')))
const services = v.optional(v.pipe(v.array(ServiceName), v.maxLength(1000), v.description('Services (default: all)')))

// ---- query strings ------------------------------------------------------------------------

export const ListProjectsQuery = v.strictObject({ all: queryFlag('Include stopped projects') })
export const PsQuery = v.strictObject({ all: queryFlag('Include stopped containers'), services: queryServices })
export const ConfigQuery = v.strictObject({ reveal: queryFlag('Show environment values, build args and secrets instead of masking them') })
export const EventsQuery = v.strictObject({ services: queryServices })

export const LogsQuery = v.strictObject({
  follow: queryFlag('Keep streaming new output'),
  timestamps: queryFlag('Prefix lines with their timestamp'),
  tail: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^(all|[0-9]{1,9})$/, 'expected a number of lines or "all"'),
      v.transform((s): number | 'all' => (s === 'all' ? 'all' : Number(s))),
      v.metadata({ jsonSchema: { anyOf: [{ type: 'integer', minimum: 0 }, { const: 'all' }] } }),
      v.description('Lines from the end of the logs of each container'),
    ),
  ),
  since: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^([0-9]{1,12}(\.[0-9]{1,9})?|[0-9]{1,9}(ms|s|m|h)|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})?)?)$/, 'expected unix seconds, a duration such as 10m, or an RFC 3339 time'),
      v.description('Only output since this time: unix seconds, a relative duration (10m) or RFC 3339'),
    ),
  ),
  services: queryServices,
})

// ---- JSON bodies ---------------------------------------------------------------------------

export const UpBody = v.strictObject({
  services,
  build: v.optional(v.boolean()),
  noBuild: v.optional(v.boolean()),
  pull: v.optional(v.picklist(['always', 'missing', 'never'])),
  forceRecreate: v.optional(v.boolean()),
  noRecreate: v.optional(v.boolean()),
  noDeps: v.optional(v.boolean()),
  removeOrphans: v.optional(v.boolean()),
  wait: v.optional(v.pipe(v.boolean(), v.description('Wait for services to be running or healthy'))),
  waitTimeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(86_400))),
  timeout,
  scale: v.optional(v.record(ServiceName, v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)))),
  yes: v.optional(v.pipe(v.boolean(), v.description('Recreate volumes whose configuration changed, losing their data (`up -y`); otherwise they are kept, with a warning'))),
})

export const DownBody = v.strictObject({
  removeOrphans: v.optional(v.boolean()),
  volumes: v.optional(v.pipe(v.boolean(), v.description('Remove named and anonymous volumes'))),
  rmi: v.optional(v.picklist(['local', 'all'])),
  timeout,
})

export const StartBody = v.strictObject({ services })
export const StopBody = v.strictObject({ services, timeout })
export const RestartBody = v.strictObject({ services, timeout, noDeps: v.optional(v.boolean()) })
export const PullBody = v.strictObject({ services, ignorePullFailures: v.optional(v.boolean()), includeDeps: v.optional(v.boolean()) })
export const BuildBody = v.strictObject({ services, noCache: v.optional(v.boolean()), pull: v.optional(v.boolean()) })

const arg = v.pipe(v.string(), v.maxLength(65_536), v.check(NO_NUL, 'NUL byte in argument'))

export const ExecBody = v.strictObject({
  service: ServiceName,
  command: v.pipe(v.array(arg), v.minLength(1, 'command must not be empty'), v.maxLength(4096)),
  index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description('Replica index (default 1)'))),
  user: v.optional(v.pipe(v.string(), v.maxLength(256), v.check(NO_NUL, 'NUL byte in user'))),
  workdir: v.optional(v.pipe(v.string(), v.maxLength(4096), v.check(NO_NUL, 'NUL byte in workdir'))),
  env: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'invalid variable name')), arg)),
  privileged: v.optional(v.boolean()),
})

// ---- responses (documented in the OpenAPI document; produced by ComposeApi) ------------------

export const ProjectSummarySchema = v.object({
  name: v.string(),
  status: v.pipe(v.string(), v.description('Containers per state, e.g. "running(2), exited(1)"')),
  configFiles: v.array(v.string()),
  workingDir: v.optional(v.string()),
})

export const ContainerInfoSchema = v.object({
  id: v.string(),
  name: v.string(),
  service: v.string(),
  image: v.string(),
  state: v.string(),
  status: v.string(),
  health: v.optional(v.string()),
  exitCode: v.optional(v.number()),
  publishers: v.array(v.object({ url: v.optional(v.string()), targetPort: v.number(), publishedPort: v.optional(v.number()), protocol: v.string() })),
})

export const ExecResultSchema = v.object({
  exitCode: v.number(),
  stdout: v.string(),
  stderr: v.string(),
  truncated: v.optional(v.pipe(v.boolean(), v.description('Output went past the size cap (1 MiB per stream by default) and was cut'))),
})

export const LogEntrySchema = v.object({
  service: v.string(),
  container: v.string(),
  stream: v.picklist(['stdout', 'stderr']),
  message: v.pipe(v.string(), v.description('One line of output, without its newline')),
  timestamp: v.optional(v.string()),
})

export const ProjectEventSchema = v.object({
  time: v.string(),
  type: v.string(),
  action: v.string(),
  service: v.optional(v.string()),
  container: v.optional(v.string()),
  attributes: v.record(v.string(), v.string()),
})

export const ErrorBodySchema = v.object({
  code: v.string(),
  message: v.string(),
  hint: v.optional(v.string()),
  source: v.optional(v.object({ file: v.string(), line: v.number(), col: v.number(), path: v.optional(v.string()) })),
  file: v.optional(v.string()),
  line: v.optional(v.number()),
  col: v.optional(v.number()),
  issues: v.optional(v.array(v.object({ message: v.string(), path: v.optional(v.string()) }))),
})
