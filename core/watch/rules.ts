/**
 * `develop.watch` rules, pure (compose-features.md 2.5): which rule a changed path falls under,
 * honouring the rule's `ignore` (relative to its `path`), the build context's `.dockerignore`
 * (relative to the context), `include`, and editor droppings; and where the path lands in the
 * container.
 */
import { createIgnoreMatcher, type IgnoreMatcher } from '../build/ignore.ts'
import { ComposeError } from '../errors.ts'
import type { ServiceConfig, ServiceHook, WatchAction } from '../model/project.ts'

/** Temporary files of editors and tools: never a reason to sync (docker compose ignores them too). */
export const EPHEMERAL_PATTERNS: readonly string[] = ['**/*.swp', '**/*.swx', '**/*.swo', '**/*~', '**/.#*', '**/#*#', '**/4913', '**/.DS_Store', '.git']

export interface WatchRule {
  service: string
  action: WatchAction
  /** Absolute host path (a directory or a file). */
  path: string
  /** Absolute container path. */
  target: string | undefined
  initialSync: boolean
  exec: ServiceHook | undefined
  ignore: IgnoreMatcher
  /** The build context's `.dockerignore`, with the context it is relative to. */
  contextIgnore: { root: string; matcher: IgnoreMatcher } | undefined
  include: IgnoreMatcher | undefined
}

export interface RuleInput {
  service: ServiceConfig
  /** Absolute project directory (rule paths are resolved against it when relative). */
  workingDir: string
  /** Text of the build context's `.dockerignore`, parsed (see parseIgnoreFile). */
  dockerignore?: readonly string[]
}

export function compileRules(input: RuleInput): WatchRule[] {
  const { service } = input
  const contextRoot = service.build?.context
  const contextIgnore = contextRoot !== undefined && input.dockerignore !== undefined && input.dockerignore.length > 0 ? { root: trimSlash(contextRoot), matcher: createIgnoreMatcher(input.dockerignore) } : undefined
  return (service.develop?.watch ?? []).map((trigger, i) => {
    if (trigger.action !== 'rebuild' && (trigger.target === undefined || trigger.target === '')) {
      throw new ComposeError('WATCH_INVALID', `services.${service.name}.develop.watch[${i}]: "target" is required for action ${trigger.action}`)
    }
    if (trigger.action === 'sync+exec' && (trigger.exec?.command ?? []).length === 0) {
      throw new ComposeError('WATCH_INVALID', `services.${service.name}.develop.watch[${i}]: "exec.command" is required for action sync+exec`)
    }
    return {
      service: service.name,
      action: trigger.action,
      path: trimSlash(trigger.path.startsWith('/') ? trigger.path : `${trimSlash(input.workingDir)}/${trigger.path.replace(/^\.\/?/, '')}`),
      target: trigger.target === undefined ? undefined : trimSlash(trigger.target) || '/',
      initialSync: trigger.initial_sync === true,
      exec: trigger.exec,
      ignore: createIgnoreMatcher([...EPHEMERAL_PATTERNS, ...(trigger.ignore ?? [])]),
      contextIgnore,
      include: trigger.include === undefined || trigger.include.length === 0 ? undefined : createIgnoreMatcher(trigger.include),
    }
  })
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}

/** `path` relative to `root` (`''` for the root itself), or undefined when outside. */
export function relativeTo(root: string, path: string): string | undefined {
  if (path === root) return ''
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined
}

/** The path relative to the rule when the rule applies to it, else undefined. */
export function matchRule(rule: WatchRule, path: string): string | undefined {
  const rel = relativeTo(rule.path, path)
  if (rel === undefined) return undefined
  if (rel !== '' && rule.ignore.excludes(rel)) return undefined
  if (rel !== '' && rule.include !== undefined && !rule.include.excludes(rel)) return undefined
  if (rule.contextIgnore !== undefined) {
    const inContext = relativeTo(rule.contextIgnore.root, path)
    if (inContext !== undefined && inContext !== '' && rule.contextIgnore.matcher.excludes(inContext)) return undefined
  }
  return rel
}

/** Where a host path under the rule goes in the container. */
export function containerPath(rule: WatchRule, rel: string): string {
  const target = rule.target ?? '/'
  if (rel === '') return target
  return target === '/' ? `/${rel}` : `${target}/${rel}`
}

/** The first rule of each path, per service; a rebuild rule in a batch wins for its service. */
export function planBatch(rules: readonly WatchRule[], paths: readonly string[]): Map<WatchRule, string[]> {
  const out = new Map<WatchRule, string[]>()
  for (const path of paths) {
    const seen = new Set<string>()
    for (const rule of rules) {
      if (seen.has(rule.service)) continue
      const rel = matchRule(rule, path)
      if (rel === undefined) continue
      seen.add(rule.service)
      out.set(rule, [...(out.get(rule) ?? []), path])
    }
  }
  const rebuilt = new Set([...out.keys()].filter((r) => r.action === 'rebuild').map((r) => r.service))
  for (const rule of [...out.keys()]) if (rebuilt.has(rule.service) && rule.action !== 'rebuild') out.delete(rule)
  return out
}
