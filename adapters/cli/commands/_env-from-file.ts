/**
 * `run --env-from-file FILE` (repeatable), as docker compose reads it (cmd/compose/run.go
 * getEnvironment): each file in `.env` syntax, `${VAR}` inside it resolved from the `-e`
 * variables only; a key already set by `-e` or by an earlier file keeps its value.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { envListToMap } from '../../../core/commands/_env.ts'
import { ComposeError } from '../../../core/errors.ts'
import { DotenvError, parseDotenv } from '../../../core/loader/dotenv.ts'

/** `KEY=VAL` entries to append after the `-e` ones. */
export function envFromFiles(files: readonly string[], envFlags: readonly string[], projectEnvironment: Readonly<Record<string, string | undefined>>, cwd: string): string[] {
  if (files.length === 0) return []
  const environment = envListToMap(envFlags, projectEnvironment)
  const added: Record<string, string> = {}
  for (const file of files) {
    const path = resolve(cwd, file)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (cause) {
      throw new ComposeError('CLI_USAGE', `--env-from-file ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}`, { cause })
    }
    let vars: Record<string, string>
    try {
      vars = parseDotenv(text, { lookup: (name) => environment[name] })
    } catch (cause) {
      const message = cause instanceof DotenvError ? cause.message : String(cause)
      throw new ComposeError('CLI_USAGE', `--env-from-file ${file}: ${message}`, { cause })
    }
    for (const [key, value] of Object.entries(vars)) {
      if (environment[key] === undefined && added[key] === undefined) added[key] = value
    }
  }
  return Object.entries(added).map(([key, value]) => `${key}=${value}`)
}
