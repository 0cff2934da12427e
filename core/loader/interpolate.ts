/**
 * Interpolation of a whole model (compose-spec/compose-go:interpolation/interpolation.go and
 * loader/interpolate.go): every string value at any depth goes through the template engine —
 * values only, never keys — and values at typed paths are cast back to numbers and booleans.
 */
import type { ModelPath, PathSegment, RawModel } from './types.ts'
import { formatPath } from './types.ts'
import { substitute, TemplateError, type Lookup } from './template.ts'
import { firstPattern, patternTrie, stepPatterns, type PatternTrie } from './_path-pattern.ts'

export type CastKind = 'int' | 'float' | 'boolean'

/** Path pattern (`*` any key or index, `[]` any list index) → the type the value is cast to. */
export type CastRules = Readonly<Record<string, CastKind>>

const svc = (rest: string): string => `services.*.${rest}`

/** compose-go's interpolateTypeCastMapping (int64/float32 are plain numbers here). */
export const DEFAULT_CAST_RULES: CastRules = {
  [svc('cpu_count')]: 'int',
  [svc('cpu_percent')]: 'float',
  [svc('cpu_period')]: 'int',
  [svc('cpu_quota')]: 'int',
  [svc('cpu_rt_period')]: 'int',
  [svc('cpu_rt_runtime')]: 'int',
  [svc('cpus')]: 'float',
  [svc('cpu_shares')]: 'int',
  [svc('init')]: 'boolean',
  [svc('depends_on.*.required')]: 'boolean',
  [svc('depends_on.*.restart')]: 'boolean',
  [svc('deploy.replicas')]: 'int',
  [svc('deploy.update_config.parallelism')]: 'int',
  [svc('deploy.update_config.max_failure_ratio')]: 'float',
  [svc('deploy.rollback_config.parallelism')]: 'int',
  [svc('deploy.rollback_config.max_failure_ratio')]: 'float',
  [svc('deploy.restart_policy.max_attempts')]: 'int',
  [svc('deploy.placement.max_replicas_per_node')]: 'int',
  [svc('healthcheck.retries')]: 'int',
  [svc('healthcheck.disable')]: 'boolean',
  [svc('oom_kill_disable')]: 'boolean',
  [svc('oom_score_adj')]: 'int',
  [svc('pids_limit')]: 'int',
  [svc('ports.[].target')]: 'int',
  [svc('privileged')]: 'boolean',
  [svc('read_only')]: 'boolean',
  [svc('scale')]: 'int',
  [svc('stdin_open')]: 'boolean',
  [svc('tty')]: 'boolean',
  [svc('ulimits.*')]: 'int',
  [svc('ulimits.*.hard')]: 'int',
  [svc('ulimits.*.soft')]: 'int',
  [svc('volumes.[].read_only')]: 'boolean',
  [svc('volumes.[].volume.nocopy')]: 'boolean',
  'networks.*.external': 'boolean',
  'networks.*.internal': 'boolean',
  'networks.*.attachable': 'boolean',
  'networks.*.enable_ipv4': 'boolean',
  'networks.*.enable_ipv6': 'boolean',
  'volumes.*.external': 'boolean',
  'secrets.*.external': 'boolean',
  'configs.*.external': 'boolean',
}

export interface InterpolationProblem {
  path: ModelPath
  message: string
  /** The variable concerned, when there is one. */
  variable?: string
}

export interface InterpolateOptions {
  lookup: Lookup
  casts?: CastRules
  /** An unset variable was used without a default (compose warns). */
  onUnset?: (name: string, path: ModelPath) => void
  /** A YAML 1.1 boolean spelling (`yes`, `off`, ...) was accepted. */
  onWarning?: (message: string, path: ModelPath) => void
}

export interface InterpolateResult<T> {
  value: T
  problems: InterpolationProblem[]
}

/** Interpolates every string of `model`; returns a new model and every problem found. */
export function interpolateModel<T extends RawModel>(model: T, options: InterpolateOptions): InterpolateResult<T> {
  const problems: InterpolationProblem[] = []
  // the cast rules as a trie walked alongside the model: environment, labels and commands ask nothing
  const casts = patternTrie(Object.entries(options.casts ?? DEFAULT_CAST_RULES))
  // one path for the whole walk, pushed and popped; copied only into what outlives a step
  const path: PathSegment[] = []
  // `active`: the cast rules that can still match at or below this node (mostly none)
  const walk = (value: unknown, active: readonly PatternTrie<CastKind>[]): unknown => {
    if (typeof value === 'string') return interpolateString(value, active.length === 0 ? undefined : firstPattern(active))
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length)
      for (let i = 0; i < value.length; i++) {
        path.push(i)
        out[i] = walk(value[i], active.length === 0 ? active : stepPatterns(active, i))
        path.pop()
      }
      return out
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(value)) {
        path.push(key)
        out[key] = walk(value[key], active.length === 0 ? active : stepPatterns(active, key))
        path.pop()
      }
      return out
    }
    return value
  }
  const interpolateString = (value: string, kind: CastKind | undefined): unknown => {
    let result: string
    try {
      result = value.includes('$') ? substitute(value, options.lookup, { onUnset: (name) => options.onUnset?.(name, [...path]) }) : value
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      problems.push(templateProblem(error, [...path]))
      return value
    }
    if (kind === undefined) return result
    const cast = castValue(result, kind)
    if ('error' in cast) {
      problems.push({ path: [...path], message: `error while interpolating ${formatPath(path)}: failed to cast to expected type: ${cast.error}` })
      return value
    }
    if (cast.warning !== undefined) options.onWarning?.(cast.warning, [...path])
    return cast.value
  }
  return { value: walk(model, [casts]) as T, problems }
}

function templateProblem(error: TemplateError, path: ModelPath): InterpolationProblem {
  const where = formatPath(path)
  if (error.kind === 'invalid') {
    return {
      path,
      message: `invalid interpolation format for ${where}.\nYou may need to escape any $ with another $.\n${error.template}`,
    }
  }
  return { path, variable: error.variable, message: `error while interpolating ${where}: ${error.message}` }
}

type CastResult = { value: number | boolean; warning?: string } | { error: string }

/** Casts an interpolated string as compose-go does (strconv.Atoi / ParseFloat / its boolean table). */
export function castValue(value: string, kind: CastKind): CastResult {
  switch (kind) {
    case 'int':
      return /^[+-]?\d+$/.test(value) ? { value: Number.parseInt(value, 10) } : { error: `invalid integer ${JSON.stringify(value)}` }
    case 'float':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)
        ? { value: Number.parseFloat(value) }
        : { error: `invalid number ${JSON.stringify(value)}` }
    case 'boolean':
      return castBoolean(value)
  }
}

function castBoolean(value: string): CastResult {
  switch (value.toLowerCase()) {
    case 'true':
      return { value: true }
    case 'false':
      return { value: false }
    case 'y':
    case 'yes':
    case 'on':
      return { value: true, warning: `${JSON.stringify(value)} for boolean is not supported by YAML 1.2, please use \`true\`` }
    case 'n':
    case 'no':
    case 'off':
      return { value: false, warning: `${JSON.stringify(value)} for boolean is not supported by YAML 1.2, please use \`false\`` }
    default:
      return { error: `invalid boolean: ${value}` }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
