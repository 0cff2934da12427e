/**
 * Contract between the loader's stages. Stages pass a plain JSON-like model (what YAML parsing
 * produced, tags resolved) together with a SourceMap that can point any model path back to a
 * file, line and column — also after merging, extends and include.
 */
import type { SourceLocation } from '../errors.ts'

/** One step of a model path: a mapping key or a sequence index. */
export type PathSegment = string | number
export type ModelPath = readonly PathSegment[]

/** A compose model as parsed (before normalization): plain objects, arrays and scalars. */
export type RawModel = Record<string, unknown>

export interface SourceMap {
  /** Where the node at `path` was written; falls back to the closest ancestor that is known. */
  locate(path: ModelPath): SourceLocation | undefined
}

/** `services.web.ports[0]` — the dotted form used in every message. */
export function formatPath(path: ModelPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}
