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
  ansi: { type: 'string', placeholder: 'WHEN', description: 'Control characters: never, always, auto (default auto, or COMPOSE_ANSI)' },
  progress: { type: 'string', placeholder: 'TYPE', description: 'Progress output: auto, tty, plain, json, quiet' },
  'dry-run': { type: 'boolean', description: 'Print the actions without touching anything' },
  'all-resources': { type: 'boolean', description: 'Include all resources, even those not used by services' },
  compatibility: { type: 'boolean', description: 'Run compose in backward compatibility mode (container names with `_`)' },
  plugin: { type: 'strings', placeholder: 'MODULE', description: 'Load a compose plugin module (repeatable)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', short: 'v', description: 'Show the compose version', hidden: true },
} as const satisfies FlagSpecs

export type GlobalFlags = ParsedFlags<typeof GLOBAL_FLAGS>

const ANSI = ['auto', 'never', 'always'] as const
const PROGRESS = ['auto', 'tty', 'plain', 'quiet', 'json'] as const

/** docker compose's rules (cmd/compose/compose.go): flags first, then COMPOSE_* variables. */
export function toGlobalOptions(flags: GlobalFlags, env: Readonly<Record<string, string | undefined>>): GlobalOptions {
  const asked = oneOf(flags.ansi === undefined && env.COMPOSE_ANSI !== undefined ? 'COMPOSE_ANSI' : '--ansi', flags.ansi ?? env.COMPOSE_ANSI ?? 'auto', ANSI)
  const progress = oneOf(flags.progress === undefined && env.COMPOSE_PROGRESS !== undefined ? 'COMPOSE_PROGRESS' : '--progress', flags.progress ?? env.COMPOSE_PROGRESS ?? 'auto', PROGRESS)
  if (progress === 'tty' && asked === 'never') throw new ComposeError('CLI_USAGE', "can't use --progress tty while ANSI support is disabled", { hint: 'drop --ansi never, or use --progress plain' })
  if (progress === 'plain' && asked === 'always') throw new ComposeError('CLI_USAGE', "can't use --progress plain while ANSI support is forced", { hint: 'drop --ansi always, or use --progress tty' })
  // a non-empty NO_COLOR turns colours off whatever was asked (https://no-color.org)
  const ansi = env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? 'never' : asked
  return {
    files: flags.file,
    projectName: flags['project-name'],
    projectDirectory: flags['project-directory'],
    envFiles: flags['env-file'],
    profiles: flags.profile,
    parallel: parallelOf(flags.parallel, env.COMPOSE_PARALLEL_LIMIT),
    ansi,
    progress,
    dryRun: flags['dry-run'] || env.COMPOSE_DRY_RUN === 'true',
    allResources: flags['all-resources'],
    compatibility: flags.compatibility,
    plugins: flags.plugin,
  }
}

/** `--parallel`, else COMPOSE_PARALLEL_LIMIT: an integer, ≤ 0 for unlimited (undefined). */
function parallelOf(flag: number | undefined, variable: string | undefined): number | undefined {
  if (flag !== undefined && !Number.isInteger(flag)) throw new ComposeError('CLI_USAGE', `invalid --parallel value "${flag}"`, { hint: 'use a whole number; -1 for unlimited' })
  let n = flag
  if (n === undefined && variable !== undefined) {
    if (!/^[+-]?\d+$/.test(variable.trim())) throw new ComposeError('CLI_USAGE', `COMPOSE_PARALLEL_LIMIT must be an integer (found: ${JSON.stringify(variable)})`)
    n = Number(variable)
  }
  return n === undefined || n <= 0 ? undefined : n
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ComposeError('CLI_USAGE', `invalid ${flag} value "${value}"`, { hint: `use one of: ${allowed.join(', ')}` })
}
