/**
 * `load:environment` of compose:env: reads the project `.env` (or the explicit `--env-file`s, or
 * an include's `env_file`) and adds its values to the environment without overriding what is
 * already set: the shell always wins. (compose-spec/compose-go:cli/options.go, dotenv/env.go)
 */
import { join } from 'node:path'
import { DotenvError, type LoadEnvironmentDraft, parseEnvFiles, parseGoBool } from '../../core/index.ts'

export async function applyEnvFiles(draft: LoadEnvironmentDraft): Promise<void> {
  const files = await envFilesOf(draft)
  if (files === undefined) return
  const contents: { path: string; content: string }[] = []
  for (const path of files) {
    const stat = await draft.fs.stat(path)
    if (stat === undefined) {
      draft.report('LOAD_ENV_FILE', `couldn't find env file: ${path}`, { hint: 'check the --env-file path (relative paths are relative to the current directory)' })
      return
    }
    if (stat.isDirectory) {
      draft.report('LOAD_ENV_FILE', `${path} is a directory`)
      return
    }
    contents.push({ path, content: new TextDecoder().decode(await draft.fs.readFile(path)) })
  }
  const current = draft.env
  let values: Record<string, string>
  try {
    values = parseEnvFiles(contents, (name) => (Object.hasOwn(current, name) ? current[name] : undefined))
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error
    draft.report('LOAD_ENV_FILE', `failed to read ${error.file ?? 'env file'}: ${error.message}`, { file: error.file ?? '', line: error.line })
    return
  }
  for (const [key, value] of Object.entries(values)) if (!Object.hasOwn(current, key)) current[key] = value
}

/** Explicit files, else `<workingDir>/.env` when it is a file (unless COMPOSE_DISABLE_ENV_FILE). */
async function envFilesOf(draft: LoadEnvironmentDraft): Promise<readonly string[] | undefined> {
  if (draft.envFiles !== undefined) return draft.envFiles
  if (draft.scope === 'project') {
    const disable = draft.env['COMPOSE_DISABLE_ENV_FILE']
    if (disable !== undefined) {
      const disabled = parseGoBool(disable)
      if (disabled === true) return undefined
      if (disabled === undefined) {
        draft.report('LOAD_ENV_FILE', `COMPOSE_DISABLE_ENV_FILE: invalid boolean ${JSON.stringify(disable)}`)
        return undefined
      }
    }
  }
  const dotenv = join(draft.workingDir, '.env')
  return (await draft.fs.stat(dotenv))?.isFile === true ? [dotenv] : undefined
}
