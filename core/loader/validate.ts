/**
 * Schema validation of one compose model (after interpolation). Every problem is collected
 * (valibot runs with `abortEarly: false`), located through the SourceMap and sorted by position.
 */
import * as v from 'valibot'
import type { ComposeIssue } from '../errors.ts'
import { composeFileSchema } from '../schema/project.ts'
import { formatPath, type ModelPath, type PathSegment, type RawModel, type SourceMap } from './types.ts'

export function validateRawModel(model: RawModel, sources: SourceMap): ComposeIssue[] {
  const result = v.safeParse(composeFileSchema, model, { abortEarly: false })
  if (result.success) return []
  const issues = result.issues.map((issue) => toComposeIssue(issue, sources))
  return sortIssues(issues)
}

function toComposeIssue(issue: v.BaseIssue<unknown>, sources: SourceMap): ComposeIssue {
  const items = issue.path ?? []
  const path: PathSegment[] = items.map((item) => (typeof item.key === 'number' ? item.key : String(item.key)))
  const last = items[items.length - 1]
  const aboutKey = last !== undefined && 'origin' in last && last.origin === 'key'
  const dotted = formatPath(path)
  let message: string
  if (aboutKey) {
    const parent = formatPath(path.slice(0, -1))
    message = parent === '' ? `top-level: ${issue.message}` : `${parent}: ${issue.message}`
  } else if (dotted === '') {
    message = `top-level object ${issue.message}`
  } else {
    message = `${dotted} ${issue.message}`
  }
  const source = locate(sources, path)
  return {
    message,
    path: dotted,
    ...(source === undefined ? {} : { source: { ...source, path: dotted } }),
  }
}

function locate(sources: SourceMap, path: ModelPath): ReturnType<SourceMap['locate']> {
  try {
    return sources.locate(path)
  } catch {
    return undefined
  }
}

/** By file, then line, then column; issues without a position keep their order at the end. */
export function sortIssues(issues: ComposeIssue[]): ComposeIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const sa = a.issue.source
      const sb = b.issue.source
      if (sa === undefined || sb === undefined) {
        if (sa === sb) return a.index - b.index
        return sa === undefined ? 1 : -1
      }
      if (sa.file !== sb.file) return sa.file < sb.file ? -1 : 1
      if (sa.line !== sb.line) return sa.line - sb.line
      if (sa.col !== sb.col) return sa.col - sb.col
      return a.index - b.index
    })
    .map(({ issue }) => issue)
}
