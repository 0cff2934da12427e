/**
 * Rules JSON schema cannot express (compose-go `validation/`), run on the merged model after
 * all files: `external` resources with other settings, secrets/configs with zero or several
 * sources, device requests with both `count` and `device_ids`, invalid port `host_ip`, blank
 * watch paths. Issues are located like schema issues.
 */
import type { ComposeIssue } from '../errors.ts'
import { isDict } from './normalize/_tree.ts'
import { formatPath, type ModelPath, type RawModel, type SourceMap } from './types.ts'
import { sortIssues } from './validate.ts'

type Report = (path: ModelPath, message: string) => void

function checkExternal(resource: Record<string, unknown>, path: ModelPath, report: Report): void {
  if (resource['external'] !== true) return
  for (const key of Object.keys(resource)) {
    if (key === 'name' || key === 'external' || key.startsWith('x-')) continue
    report([...path, key], `${formatPath(path)}: conflicting parameters "external" and "${key}" specified`)
  }
}

function checkFileObject(resource: Record<string, unknown>, path: ModelPath, keys: string[], report: Report): void {
  const count = keys.filter((k) => k in resource).length
  if (count > 1) report(path, `${formatPath(path)}: ${keys.join('|')} attributes are mutually exclusive`)
  if (count === 0 && !('driver' in resource) && !('external' in resource)) {
    report(path, `${formatPath(path)}: one of ${keys.join('|')} must be set`)
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/

function each(value: unknown): [string, Record<string, unknown>][] {
  return isDict(value) ? Object.entries(value).filter((e): e is [string, Record<string, unknown>] => isDict(e[1])) : []
}

export function validateRules(model: RawModel, sources: SourceMap): ComposeIssue[] {
  const issues: ComposeIssue[] = []
  const report: Report = (path, message) => {
    const source = sources.locate(path)
    const dotted = formatPath(path)
    issues.push({ message, path: dotted, ...(source === undefined ? {} : { source: { ...source, path: dotted } }) })
  }
  for (const [name, v] of each(model['volumes'])) checkExternal(v, ['volumes', name], report)
  for (const [name, c] of each(model['configs'])) checkFileObject(c, ['configs', name], ['file', 'environment', 'content'], report)
  for (const [name, s] of each(model['secrets'])) checkFileObject(s, ['secrets', name], ['file', 'environment'], report)
  for (const [name, service] of each(model['services'])) {
    const at = (...rest: (string | number)[]): ModelPath => ['services', name, ...rest]
    const ports = service['ports']
    if (Array.isArray(ports)) {
      ports.forEach((p, i) => {
        const ip = isDict(p) ? p['host_ip'] : undefined
        if (typeof ip === 'string' && !IPV4.test(ip) && !IPV6.test(ip)) report(at('ports', i, 'host_ip'), `${formatPath(at('ports', i))}: invalid ip address: ${ip}`)
      })
    }
    const deploy = service['deploy']
    const reservations = isDict(deploy) && isDict(deploy['resources']) ? deploy['resources']['reservations'] : undefined
    const requests: [unknown, ModelPath][] = [
      [isDict(reservations) ? reservations['devices'] : undefined, at('deploy', 'resources', 'reservations', 'devices')],
      [service['gpus'], at('gpus')],
    ]
    for (const [list, path] of requests) {
      if (!Array.isArray(list)) continue
      list.forEach((d, i) => {
        if (isDict(d) && 'count' in d && 'device_ids' in d) report([...path, i], `${formatPath([...path, i])}: "count" and "device_ids" attributes are exclusive`)
      })
    }
    const develop = service['develop']
    const watch = isDict(develop) ? develop['watch'] : undefined
    if (Array.isArray(watch)) {
      watch.forEach((w, i) => {
        if (isDict(w) && w['path'] === '') report(at('develop', 'watch', i, 'path'), `${formatPath(at('develop', 'watch', i, 'path'))}: value can't be blank`)
      })
    }
  }
  return sortIssues(issues)
}
