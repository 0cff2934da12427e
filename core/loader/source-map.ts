/**
 * Where each node of a model was written. A SourceNode tree mirrors the model: every node knows
 * its own file, line and column, so a node keeps pointing at the right file after merging,
 * `extends` and `include` move it around. Stages pass values together with their tree
 * (`Located`) and build the tree of their result as they build the value.
 */
import type { SourceLocation } from '../errors.ts'
import { formatPath, type ModelPath, type PathSegment, type SourceMap } from './types.ts'

/** A YAML tag that changes how a later file merges over this path. */
export type MergeTag = 'reset' | 'override'

export interface SourceNode {
  /** Where the node was written (for a mapping entry: its key). */
  loc?: SourceLocation
  /** `!reset` (the value itself is dropped from the model) or `!override`. */
  tag?: MergeTag
  /** Children by mapping key or sequence index. */
  children?: Map<PathSegment, SourceNode>
}

/** A model value together with its source tree. */
export interface Located<T = unknown> {
  value: T
  src: SourceNode | undefined
}

export function sourceChild(node: SourceNode | undefined, seg: PathSegment): SourceNode | undefined {
  return node?.children?.get(seg)
}

export function locatedChild(l: Located, seg: PathSegment): Located {
  const value: unknown =
    typeof seg === 'number'
      ? Array.isArray(l.value)
        ? (l.value as unknown[])[seg]
        : undefined
      : isMapping(l.value)
        ? l.value[seg]
        : undefined
  return { value, src: sourceChild(l.src, seg) }
}

/** A node with the given location and children (tags are not carried over: they apply once). */
export function sourceNode(loc: SourceLocation | undefined, children?: Map<PathSegment, SourceNode>): SourceNode {
  const node: SourceNode = {}
  if (loc !== undefined) node.loc = loc
  if (children !== undefined && children.size > 0) node.children = children
  return node
}

/** Looks paths up in a SourceNode tree, falling back to the closest known ancestor. */
export function createSourceMap(root: SourceNode | undefined): SourceMap & { readonly root: SourceNode | undefined } {
  return {
    root,
    locate(path: ModelPath): SourceLocation | undefined {
      let node = root
      let best = root?.loc
      for (const seg of path) {
        node = node?.children?.get(seg)
        if (node === undefined) break
        if (node.loc !== undefined) best = node.loc
      }
      return best === undefined ? undefined : { file: best.file, line: best.line, col: best.col, path: formatPath(path) }
    },
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
