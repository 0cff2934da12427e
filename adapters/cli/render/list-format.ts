/**
 * `--format` for list commands, as the docker CLI formatter does it: `table` (optionally followed
 * by a template: a header row, then one row per item, aligned), `json` (one JSON object per
 * line), or any other Go template (one line per item). `\t` and `\n` written in the format are
 * tab and newline.
 */
import { parseTemplate, type TemplateData } from './go-template.ts'
import { tabwrite, CONTAINER_TABLE, type TabwriterOptions } from './tabwriter.ts'

export interface ListFormat {
  /** The template for `table` and for an empty format. */
  defaultTable: string
  /** Field name → column header. */
  headers: Readonly<Record<string, string>>
  tabwriter?: TabwriterOptions
}

export function renderList(format: string | undefined, rows: readonly TemplateData[], spec: ListFormat): string {
  let source = format === undefined || format === '' || format === 'table' ? spec.defaultTable : format
  if (source === 'json') source = '{{json .}}'
  const table = source.startsWith('table')
  if (table) source = source.slice('table'.length)
  source = source.replace(/^ +| +$/g, '').replaceAll('\\t', '\t').replaceAll('\\n', '\n')
  const template = parseTemplate(source)
  if (!table) return rows.map((r) => `${template.execute(r)}\n`).join('')
  const text = [template.execute(headerData(spec.headers)), ...rows.map((r) => template.execute(r))].map((l) => `${l}\n`).join('')
  return tabwrite(text, spec.tabwriter ?? CONTAINER_TABLE)
}

/** The header row's data: every field has a header (unknown ones are empty), `.Label "a.b"` gives `B`. */
function headerData(headers: Readonly<Record<string, string>>): TemplateData {
  const label = (name: unknown): string => String(name).split('.').pop()?.toUpperCase() ?? ''
  return new Proxy({ ...headers, Label: label } as Record<string, unknown>, {
    has: () => true,
    get: (target, key) => (typeof key === 'string' ? (target[key] ?? '') : undefined),
  })
}
