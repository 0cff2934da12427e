/** `-e KEY=VAL` lists: a bare `KEY` takes its value from the project environment, or is dropped. */
export function resolveEnvList(entries: readonly string[], environment: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = []
  for (const entry of entries) {
    if (entry.includes('=')) out.push(entry)
    else if (environment[entry] !== undefined) out.push(`${entry}=${environment[entry]}`)
  }
  return out
}

/** `KEY=VAL` list → map (later entries win); a bare `KEY` resolves like resolveEnvList. */
export function envListToMap(entries: readonly string[], environment: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of resolveEnvList(entries, environment)) {
    const eq = entry.indexOf('=')
    out[entry.slice(0, eq)] = entry.slice(eq + 1)
  }
  return out
}
