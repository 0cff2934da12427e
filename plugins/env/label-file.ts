/**
 * `label_file` (compose-spec/compose-go:types/project.go WithServicesLabelsResolved): label files
 * use the `.env` syntax, are read in order (later ones win, `${VAR}` sees only labels read so
 * far), and the service's own `labels` override them.
 */
import { isAbsolute, join } from 'node:path'
import { DotenvError, type LoadMergedDraft, parseDotenv } from '../../core/index.ts'
import { isMapping } from './service-env.ts'

export async function resolveLabelFiles(draft: LoadMergedDraft, discard: boolean): Promise<void> {
  const services = draft.model['services']
  if (draft.scope !== 'project' || !isMapping(services)) return
  const out: Record<string, unknown> = {}
  for (const [name, service] of Object.entries(services)) {
    out[name] = isMapping(service) && service['label_file'] !== undefined ? await resolveService(name, service, draft, discard) : service
  }
  draft.model = { ...draft.model, services: out }
}

async function resolveService(name: string, service: Record<string, unknown>, draft: LoadMergedDraft, discard: boolean): Promise<Record<string, unknown>> {
  const raw = service['label_file']
  const files = (Array.isArray(raw) ? raw : [raw]).filter((f): f is string => typeof f === 'string')
  const labels: Record<string, string> = {}
  for (const [i, file] of files.entries()) {
    const path = isAbsolute(file) ? file : join(draft.workingDir, file)
    const at = Array.isArray(raw) ? ['services', name, 'label_file', i] : ['services', name, 'label_file']
    if ((await draft.fs.stat(path))?.isFile !== true) {
      draft.report('LOAD_ENV_FILE', `label file ${path} not found`, { path: at })
      continue
    }
    const read: Record<string, string> = {}
    try {
      parseDotenv(new TextDecoder().decode(await draft.fs.readFile(path)), { into: read, lookup: (k) => (Object.hasOwn(labels, k) ? labels[k] : undefined) })
    } catch (error) {
      if (!(error instanceof DotenvError)) throw error
      draft.report('LOAD_ENV_FILE', `failed to read ${path}: ${error.message}`, { file: path, line: error.line })
    }
    Object.assign(labels, read)
  }
  const own = service['labels']
  if (Array.isArray(own)) {
    for (const item of own) {
      const s = String(item)
      const eq = s.indexOf('=')
      labels[eq === -1 ? s : s.slice(0, eq)] = eq === -1 ? '' : s.slice(eq + 1)
    }
  } else if (isMapping(own)) {
    for (const [k, v] of Object.entries(own)) labels[k] = v === null || v === undefined ? '' : String(v)
  }
  const out: Record<string, unknown> = { ...service, labels }
  if (discard) delete out['label_file']
  return out
}
