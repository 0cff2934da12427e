/**
 * The short volume syntax `[source:]target[:options]` (compose-spec/compose-go:format/volume.go),
 * just enough for the loader: which part is the source and the target, and whether the source
 * is a host path. Windows drive letters and `${...}` are not split on.
 */
export interface VolumeSpecParts {
  source: string
  target: string
}

/** Splits a short volume spec; `undefined` when it is malformed (validation reports it). */
export function splitVolumeSpec(spec: string): VolumeSpecParts | undefined {
  if (spec.length === 0) return undefined
  if (spec.length <= 2) return { source: '', target: spec }
  const parts: string[] = []
  let buffer = ''
  let depth = 0
  const chars = [...spec]
  for (let i = 0; i <= chars.length; i++) {
    const ch = chars[i]
    if (ch === '$' && chars[i + 1] === '{') {
      depth++
      buffer += ch
      continue
    }
    if (ch === '}' && depth > 0) {
      depth--
      buffer += ch
      continue
    }
    if (ch === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
      buffer += ch
    } else if ((ch === ':' || ch === undefined) && depth === 0) {
      if (buffer === '') return undefined
      parts.push(buffer)
      buffer = ''
    } else {
      buffer += ch ?? ''
    }
  }
  if (parts.length === 1) return { source: '', target: parts[0] ?? '' }
  if (parts.length > 3) return undefined
  return { source: parts[0] ?? '', target: parts[1] ?? '' }
}

/** compose-go isFilePath: `.`, `/`, `~`, `\\` or a drive letter start a host path. */
export function isHostPath(source: string): boolean {
  if (source === '') return false
  if ('./~'.includes(source[0] as string)) return true
  if (source.startsWith('\\\\')) return true
  return /^\p{L}:/u.test(source)
}
