/**
 * How a CLI command is declared: its flags, its positional arguments and a `run` that calls
 * core. Commands are small files loaded lazily by name (see commands/index.ts).
 */
import type { CliIo } from './io.ts'

export type FlagType = 'boolean' | 'string' | 'strings' | 'number'

export interface FlagSpec {
  type: FlagType
  short?: string
  description: string
  /** Shown in help as `--flag VALUE`. */
  placeholder?: string
  default?: boolean | string | number | readonly string[]
  /** A boolean that stays undefined unless given (`--menu` and `--menu=false` differ from neither). */
  unset?: true
  hidden?: boolean
}

export type FlagSpecs = Record<string, FlagSpec>

type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean'
  ? S extends { unset: true }
    ? boolean | undefined
    : boolean
  : S['type'] extends 'number'
    ? number | undefined
    : S['type'] extends 'strings'
      ? string[]
      : string | undefined

export type ParsedFlags<F extends FlagSpecs> = { [K in keyof F]: FlagValue<F[K]> }

export interface GlobalOptions {
  files: string[]
  projectName: string | undefined
  projectDirectory: string | undefined
  envFiles: string[]
  profiles: string[]
  parallel: number | undefined
  ansi: 'auto' | 'never' | 'always'
  progress: 'auto' | 'tty' | 'plain' | 'quiet' | 'json'
  dryRun: boolean
  /** `--all-resources`: keep the networks, volumes, secrets and configs no service uses. */
  allResources: boolean
  /** `--compatibility`: container names with `_` (COMPOSE_COMPATIBILITY is read by the loader). */
  compatibility: boolean
  plugins: string[]
}

export interface CommandContext<F extends FlagSpecs> {
  flags: ParsedFlags<F>
  args: string[]
  global: GlobalOptions
  io: CliIo
  /** Aborted by the first Ctrl-C (SIGINT or SIGTERM): stop gracefully. */
  signal: AbortSignal
  /**
   * Registers what a second Ctrl-C does (e.g. kill the containers being stopped). Without a
   * handler the second Ctrl-C exits at once with 130.
   */
  onForce(handler: () => void | Promise<void>): void
}

export interface CommandDef<F extends FlagSpecs = FlagSpecs> {
  name: string
  description: string
  /** e.g. `[OPTIONS] [SERVICE...]` */
  usage?: string
  flags: F
  /** Flags end at the first positional argument (`exec SERVICE COMMAND -x`: `-x` is the command's). */
  stopAtPositional?: boolean
  /**
   * A command that acts and has no plan to print: what `--dry-run` would do instead of acting
   * (it is refused, so that a dry run never touches anything). Commands that only read, and
   * those that print their plan, leave it out.
   */
  noDryRun?: string
  /** Returns the exit code (0 when omitted). */
  run(ctx: CommandContext<F>): Promise<number | void>
}

/** Types a command without changing it. */
export function defineCommand<F extends FlagSpecs>(def: CommandDef<F>): CommandDef<F> {
  return def
}
