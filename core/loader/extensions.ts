/**
 * Validates the `x-` extension fields that plugins declared schemas for, on the merged model,
 * with the same file:line:col reporting as the compose schema.
 */
import * as v from 'valibot'
import type { ComposeIssue } from '../errors.ts'
import type { ExtensionSchema } from '../plugin/types.ts'
import { formatPath, type ModelPath, type RawModel, type SourceMap } from './types.ts'

export interface ExtensionOwner {
  name: string
  extensions?: Readonly<Record<string, ExtensionSchema>>
}

export function validateExtensions(model: RawModel, sources: SourceMap, plugins: readonly ExtensionOwner[]): ComposeIssue[] {
  const issues: ComposeIssue[] = []
  for (const plugin of plugins) {
    for (const [key, ext] of Object.entries(plugin.extensions ?? {})) {
      for (const [path, value] of placesOf(model, ext.on, key)) {
        const result = v.safeParse(ext.schema, value)
        if (result.success) continue
        for (const issue of result.issues) {
          const at: ModelPath = [...path, ...(issue.path ?? []).map((p) => (typeof p.key === 'number' ? p.key : String(p.key)))]
          const source = sources.locate(at)
          issues.push({
            message: `${formatPath(at)}: ${issue.message} (extension of plugin "${plugin.name}")`,
            path: formatPath(at),
            ...(source === undefined ? {} : { source }),
          })
        }
      }
    }
  }
  return issues
}

function placesOf(model: RawModel, on: ExtensionSchema['on'], key: string): [ModelPath, unknown][] {
  if (on === 'project') return key in model ? [[[key], model[key]]] : []
  const section = model[on]
  if (section === null || typeof section !== 'object') return []
  const out: [ModelPath, unknown][] = []
  for (const [name, item] of Object.entries(section as Record<string, unknown>)) {
    if (item !== null && typeof item === 'object' && key in item) out.push([[on, name, key], (item as Record<string, unknown>)[key]])
  }
  return out
}
