/**
 * Interpolation of a whole model (compose-spec/compose-go:interpolation/interpolation.go and
 * loader/interpolate.go): every string value at any depth goes through the template engine —
 * values only, never keys — and values at typed paths are cast back to numbers and booleans.
 */
import type { ModelPath, PathSegment, RawModel } from './types.ts'
import { formatPath } from './types.ts'
import { substitute, TemplateError, type Lookup } from './template.ts'

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
  const casts = castTrie(Object.entries(options.casts ?? DEFAULT_CAST_RULES))
  // one path for the whole walk, pushed and popped; copied only into what outlives a step
  const path: PathSegment[] = []
  // `active`: the cast rules that can still match at or below this node (mostly none)
  const walk = (value: unknown, active: readonly CastNode[]): unknown => {
    if (typeof value === 'string') return interpolateString(value, active.length === 0 ? undefined : castHere(active))
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length)
      for (let i = 0; i < value.length; i++) {
        path.push(i)
        out[i] = walk(value[i], active.length === 0 ? active : stepCast(active, i))
        path.pop()
      }
      return out
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(value)) {
        path.push(key)
        out[key] = walk(value[key], active.length === 0 ? active : stepCast(active, key))
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

/**
 * The cast rules as a trie (segments as compose-go's tree.Path: `*` any key or index, `[]` any
 * index), walked along with the model: a string asks only the nodes its path reached, and the
 * many subtrees no rule reaches (environment, labels, commands) ask nothing.
 */
interface CastNode {
  /** The rule ending here and its place in the table (the first in table order wins). */
  rule: { index: number; kind: CastKind } | undefined
  keys: Map<string, CastNode>
  star: CastNode | undefined
  list: CastNode | undefined
  /** stepCast from this node alone, by segment (shared arrays, never changed). */
  steps: Map<PathSegment, readonly CastNode[]>
}

const NO_CASTS: readonly CastNode[] = []

function castNode(): CastNode {
  return { rule: undefined, keys: new Map(), star: undefined, list: undefined, steps: new Map() }
}

function castTrie(casts: readonly [string, CastKind][]): CastNode {
  const root = castNode()
  casts.forEach(([pattern, kind], index) => {
    let node = root
    for (const seg of pattern.split('.')) {
      if (seg === '*') node = node.star ??= castNode()
      else if (seg === '[]') node = node.list ??= castNode()
      else {
        let next = node.keys.get(seg)
        if (next === undefined) node.keys.set(seg, (next = castNode()))
        node = next
      }
    }
    node.rule ??= { index, kind }
  })
  return root
}

function stepCast(active: readonly CastNode[], seg: PathSegment): readonly CastNode[] {
  if (active.length === 1) {
    const node = active[0] as CastNode
    let out = node.steps.get(seg)
    if (out === undefined) node.steps.set(seg, (out = stepFrom(node, seg)))
    return out
  }
  const out: CastNode[] = []
  for (const node of active) out.push(...stepFrom(node, seg))
  return out
}

function stepFrom(node: CastNode, seg: PathSegment): CastNode[] {
  const out: CastNode[] = []
  const key = typeof seg === 'string' ? node.keys.get(seg) : undefined
  if (key !== undefined) out.push(key)
  if (node.star !== undefined) out.push(node.star)
  if (typeof seg === 'number' && node.list !== undefined) out.push(node.list)
  return out.length === 0 ? (NO_CASTS as CastNode[]) : out
}

function castHere(active: readonly CastNode[]): CastKind | undefined {
  let best: { index: number; kind: CastKind } | undefined
  for (const node of active) if (node.rule !== undefined && (best === undefined || node.rule.index < best.index)) best = node.rule
  return best?.kind
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
