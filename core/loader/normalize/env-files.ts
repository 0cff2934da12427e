/**
 * `env_file` and `label_file` folded into `environment` and `labels` (compose-go
 * `WithServicesEnvironmentResolved` / `WithServicesLabelsResolved`). File access is injected:
 * without a `readFile`, the lists are kept and nothing is folded.
 */
import { ComposeError } from '../../errors.ts'
import type { ServiceConfig } from '../../model/project.ts'
import { parseEnvFile } from '../dotenv.ts'

/** Reads a file's text; `undefined` when it does not exist. */
export type ReadFile = (path: string) => string | undefined

export function resolveServiceEnvironment(service: ServiceConfig, env: Record<string, string>, readFile: ReadFile): ServiceConfig {
  const declared: Record<string, string | null> = {}
  for (const [k, v] of Object.entries(service.environment ?? {})) declared[k] = v ?? (k in env ? (env[k] as string) : null)
  const fromFiles: Record<string, string> = {}
  for (const [k, v] of Object.entries(declared)) if (v !== null) fromFiles[k] = v
  for (const file of service.env_file ?? []) {
    const content = readFile(file.path)
    if (content === undefined) {
      if (file.required) throw new ComposeError('LOAD_ENV_FILE', `env file ${file.path} not found`)
      continue
    }
    try {
      parseEnvFile(content, {
        ...(file.format === undefined ? {} : { format: file.format }),
        into: fromFiles,
        lookup: (k) => env[k] ?? declared[k] ?? undefined,
      })
    } catch (error) {
      throw new ComposeError('LOAD_ENV_FILE', `failed to read ${file.path}: ${(error as Error).message}`, { cause: error })
    }
  }
  const environment: Record<string, string | null> = { ...fromFiles, ...declared }
  const out: ServiceConfig = { ...service }
  if (Object.keys(environment).length > 0) out.environment = sortKeys(environment)
  return out
}

export function resolveServiceLabels(service: ServiceConfig, readFile: ReadFile): ServiceConfig {
  if (service.label_file === undefined || service.label_file.length === 0) return service
  const labels: Record<string, string> = {}
  for (const path of service.label_file) {
    const content = readFile(path)
    if (content === undefined) throw new ComposeError('LOAD_ENV_FILE', `label file ${path} not found`)
    const vars = parseEnvFile(content, { lookup: (k) => labels[k] })
    Object.assign(labels, vars)
  }
  Object.assign(labels, service.labels ?? {})
  return { ...service, labels: sortKeys(labels) }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
