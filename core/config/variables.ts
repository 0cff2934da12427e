/**
 * `config --variables`: the variables a raw (not interpolated) model uses, with their default,
 * alternate value and whether they are required (compose-go `template.ExtractVariables`).
 */
export interface ModelVariable {
  Name: string
  DefaultValue: string
  PresenceValue: string
  Required: boolean
}

const PATTERN = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{((?:[^{}]|\{[^{}]*\})*)\})/g

function fromString(value: string, into: Map<string, ModelVariable>): void {
  for (const match of value.matchAll(PATTERN)) {
    if (match[1] !== undefined) continue
    const body = match[2] ?? match[3] ?? ''
    const at = body.search(/[^_a-zA-Z0-9]/)
    const name = at > 0 ? body.slice(0, at) : body
    const rest = at > 0 ? body.slice(at) : ''
    const v: ModelVariable = { Name: name, DefaultValue: '', PresenceValue: '', Required: false }
    if (rest.startsWith(':?') || rest.startsWith('?')) v.Required = true
    else if (rest.startsWith(':-')) v.DefaultValue = rest.slice(2)
    else if (rest.startsWith('-')) v.DefaultValue = rest.slice(1)
    else if (rest.startsWith(':+')) v.PresenceValue = rest.slice(2)
    else if (rest.startsWith('+')) v.PresenceValue = rest.slice(1)
    if (name !== '') into.set(name, v)
    // defaults may reference variables too: ${A:-${B}}
    if (rest.length > 2) fromString(rest, into)
  }
}

export function extractVariables(model: unknown): Record<string, ModelVariable> {
  const found = new Map<string, ModelVariable>()
  const walk = (value: unknown): void => {
    if (typeof value === 'string') fromString(value, found)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk)
  }
  walk(model)
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
