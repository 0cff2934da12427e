/** Flags every command accepts, before or after the command name (as docker compose). */
import { ComposeError } from '../../core/errors.ts'
import type { FlagSpecs, GlobalOptions, ParsedFlags } from './define.ts'

export const GLOBAL_FLAGS = {
  file: { type: 'strings', short: 'f', placeholder: 'FILE', description: 'Compose configuration files' },
  'project-name': { type: 'string', short: 'p', placeholder: 'NAME', description: 'Project name' },
  'project-directory': { type: 'string', placeholder: 'DIR', description: 'Alternate working directory (default: the directory of the first compose file)' },
  'env-file': { type: 'strings', placeholder: 'FILE', description: 'Alternate environment files' },
  profile: { type: 'strings', placeholder: 'NAME', description: 'Profiles to enable' },
  parallel: { type: 'number', placeholder: 'N', description: 'Maximum parallelism, -1 for unlimited' },
  ansi: { type: 'string', placeholder: 'WHEN', default: 'auto', description: 'Control characters: never, always, auto' },
  progress: { type: 'string', placeholder: 'TYPE', description: 'Progress output: auto, tty, plain, json, quiet' },
  'dry-run': { type: 'boolean', description: 'Print the actions without touching anything' },
  plugin: { type: 'strings', placeholder: 'MODULE', description: 'Load a compose plugin module (repeatable)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', short: 'v', description: 'Show the compose version', hidden: true },
} as const satisfies FlagSpecs

export type GlobalFlags = ParsedFlags<typeof GLOBAL_FLAGS>

const ANSI = ['auto', 'never', 'always'] as const
const PROGRESS = ['auto', 'tty', 'plain', 'quiet', 'json'] as const

export function toGlobalOptions(flags: GlobalFlags, env: Readonly<Record<string, string | undefined>>): GlobalOptions {
  const ansi = oneOf('--ansi', flags.ansi ?? env.COMPOSE_ANSI ?? 'auto', ANSI)
  const progress = oneOf('--progress', flags.progress ?? env.COMPOSE_PROGRESS ?? 'auto', PROGRESS)
  const parallelEnv = env.COMPOSE_PARALLEL_LIMIT === undefined ? undefined : Number(env.COMPOSE_PARALLEL_LIMIT)
  return {
    files: flags.file,
    projectName: flags['project-name'],
    projectDirectory: flags['project-directory'],
    envFiles: flags['env-file'],
    profiles: flags.profile,
    parallel: flags.parallel ?? (Number.isFinite(parallelEnv) ? parallelEnv : undefined),
    ansi,
    progress,
    dryRun: flags['dry-run'] || env.COMPOSE_DRY_RUN === 'true',
    plugins: flags.plugin,
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ComposeError('CLI_USAGE', `invalid ${flag} value "${value}"`, { hint: `use one of: ${allowed.join(', ')}` })
}
