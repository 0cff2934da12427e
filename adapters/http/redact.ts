/**
 * Masks what `config` must not show over HTTP unless asked (security.md §6): environment
 * values, build args, and the content or environment source of secrets. Keys stay, so a
 * client still sees which variables are set. Works on a copy.
 */
export const MASK = '********'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function maskValues(value: unknown): unknown {
  if (Array.isArray(value)) {
    // `KEY=value` list form.
    return value.map((item) => (typeof item === 'string' && item.includes('=') ? `${item.slice(0, item.indexOf('='))}=${MASK}` : item))
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : MASK]))
  }
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(config)) as { [key: string]: Json }
  const services = copy.services
  if (isRecord(services)) {
    for (const service of Object.values(services)) {
      if (!isRecord(service)) continue
      if ('environment' in service) service.environment = maskValues(service.environment) as Json
      const build = service.build
      if (isRecord(build) && 'args' in build) build.args = maskValues(build.args) as Json
    }
  }
  const secrets = copy.secrets
  if (isRecord(secrets)) {
    for (const secret of Object.values(secrets)) {
      if (!isRecord(secret)) continue
      if ('content' in secret) secret.content = MASK
      if ('environment' in secret) secret.environment = MASK
    }
  }
  return copy
}
