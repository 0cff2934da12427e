/**
 * Which env files make a project's environment (compose-go cli/options.go): the `--env-file`
 * values, else COMPOSE_ENV_FILES, else `.env` in the project directory unless
 * COMPOSE_DISABLE_ENV_FILE is true. Shared by the loader's environment and the CLI, which reads
 * the `COMPOSE_*` variables of the same files before anything else.
 */
import { resolve } from 'node:path'

/** `--env-file` values, else COMPOSE_ENV_FILES (comma-separated), absolute against `cwd`; undefined: the default `.env`. */
export function explicitEnvFiles(cwd: string, envFiles: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const fromEnv = env['COMPOSE_ENV_FILES']
  const listed = envFiles !== undefined && envFiles.length > 0 ? envFiles : fromEnv ? fromEnv.split(',').filter((f) => f !== '') : undefined
  return listed?.map((f) => resolve(cwd, f))
}

/** Go's strconv.ParseBool (COMPOSE_DISABLE_ENV_FILE and the like): undefined when it is neither. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false
  return undefined
}
