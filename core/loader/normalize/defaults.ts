/**
 * Default values set on the merged model (compose-go `transform/defaults.go`): build context,
 * secret targets, port protocol/mode, device request count, bind `create_host_path`.
 */
import { applyRules, compileRules, descend, isDict, shareUntouched, type Rule } from './_tree.ts'
import type { Dict } from './_tree.ts'

const deviceRequest: Rule = (v) => {
  if (!isDict(v)) return v
  if (!('count' in v) && !('device_ids' in v)) return { ...v, count: 'all' }
  return v
}

const table: Record<string, Rule> = {
  'services.*.build': (v, path) => {
    if (!isDict(v)) return v
    const out = descend(v, rules, [...path]) as Dict
    return 'context' in out ? out : { ...out, context: '.' }
  },
  'services.*.secrets.*': (v) =>
    isDict(v) && !('target' in v) ? { ...v, target: `/run/secrets/${String(v['source'])}` } : v,
  'services.*.ports.*': (v) =>
    isDict(v) ? { ...v, protocol: v['protocol'] ?? 'tcp', mode: v['mode'] ?? 'ingress' } : v,
  'services.*.deploy.resources.reservations.devices.*': deviceRequest,
  'services.*.gpus.*': deviceRequest,
  'services.*.volumes.*.bind': (v) => (isDict(v) && !('create_host_path' in v) ? { ...v, create_host_path: true } : v),
}

// runs after canonicalization, on the tree it made
const rules = shareUntouched(compileRules(table))

export function setDefaults(model: Dict): Dict {
  return applyRules(model, rules) as Dict
}
