/**
 * docker compose copies the `COMPOSE_*` variables of the project's env files into its own
 * environment before anything else runs (cmd/compose/compose.go setEnvWithDotEnv), so that
 * COMPOSE_ANSI, COMPOSE_PROGRESS, COMPOSE_PARALLEL_LIMIT, COMPOSE_REMOVE_ORPHANS,
 * COMPOSE_IGNORE_ORPHANS… can live in `.env`. Variables already set win. The files are the
 * load's: `--env-file`, else COMPOSE_ENV_FILES, else `.env` in the project directory
 * (`--project-directory`, else the first `-f` file's directory, else the current one) unless
 * COMPOSE_DISABLE_ENV_FILE. A missing or malformed file is left to the loader, which reports it
 * with its location.
 */
import { readFile } from 'node:fs'
import { join } from 'node:path'
import { projectDirectoryOf } from '../../core/loader/discover.ts'
import { parseEnvFiles } from '../../core/loader/dotenv.ts'
import { explicitEnvFiles, parseGoBool } from '../../core/loader/env-files.ts'

export interface EnvFileInputs {
  cwd: string
  files: readonly string[]
  projectDirectory: string | undefined
  envFiles: readonly string[]
}

export async function composeVariablesFromEnvFiles(env: Readonly<Record<string, string | undefined>>, inputs: EnvFileInputs): Promise<Record<string, string>> {
  const paths = envFilePaths(env, inputs)
  const contents: { path: string; content: string }[] = []
  for (const path of paths) {
    const content = await new Promise<string | undefined>((done) => readFile(path, 'utf8', (error, text) => done(error ? undefined : text)))
    if (content !== undefined) contents.push({ path, content })
  }
  if (contents.length === 0) return {}
  let values: Record<string, string>
  try {
    values = parseEnvFiles(contents, (name) => env[name])
  } catch {
    return {}
  }
  return Object.fromEntries(Object.entries(values).filter(([name]) => name.startsWith('COMPOSE_') && env[name] === undefined))
}

function envFilePaths(env: Readonly<Record<string, string | undefined>>, inputs: EnvFileInputs): string[] {
  const explicit = explicitEnvFiles(inputs.cwd, inputs.envFiles, env)
  if (explicit !== undefined) return explicit
  if (parseGoBool(env.COMPOSE_DISABLE_ENV_FILE ?? '') === true) return []
  return [join(projectDirectoryOf(inputs.cwd, inputs.files, inputs.projectDirectory), '.env')]
}
