/**
 * What docker compose adds on top of the written model (compose-go `loader/normalize.go` and
 * `loader/environment.go`): the default network, `pull_policy: if_not_present` → `missing`,
 * `dockerfile: Dockerfile`, environment/args without value resolved from the project
 * environment, implicit `depends_on` for links / `service:` namespaces / `volumes_from`,
 * cleaned volume targets, `pre_start` hooks inheriting the image, and resource names.
 */
import { cleanPath } from './canonical.ts'
import { isDict, type Dict } from './_tree.ts'

type Env = Record<string, string>

/**
 * Always applied (compose-go `ResolveEnvironment`, done whatever the options): `environment`
 * entries written `- KEY` take their value from the project environment; secrets and configs
 * declared with `environment:` get their `content` from it.
 */
export function resolveEnvironment(model: Dict, env: Env): Dict {
  const result: Dict = { ...model }
  const services = model['services']
  if (isDict(services)) {
    const out: Dict = {}
    for (const [name, service] of Object.entries(services)) {
      if (!isDict(service)) {
        out[name] = service
        continue
      }
      const s: Dict = { ...service }
      if (Array.isArray(s['environment'])) {
        s['environment'] = s['environment'].map((e) => (typeof e === 'string' && e in env ? `${e}=${env[e]}` : e))
      }
      out[name] = s
    }
    result['services'] = out
  }
  for (const kind of ['secrets', 'configs']) {
    const resources = model[kind]
    if (!isDict(resources)) continue
    const out: Dict = {}
    for (const [key, r] of Object.entries(resources)) {
      const variable = isDict(r) ? r['environment'] : undefined
      out[key] = typeof variable === 'string' && variable in env ? { ...(r as Dict), content: env[variable] } : r
    }
    result[kind] = out
  }
  return result
}

function resolveMapping(value: unknown, env: Env, keepEmpty: boolean): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const e of value) {
      if (typeof e !== 'string' || e.includes('=')) out.push(e)
      else if (e in env) out.push(`${e}=${env[e]}`)
      else if (keepEmpty) out.push(e)
    }
    return out
  }
  if (isDict(value)) {
    const out: Dict = {}
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = v
      else if (k in env) out[k] = env[k]
      else if (keepEmpty) out[k] = null
    }
    return out
  }
  return value
}

function implicitDependency(restart: boolean): Dict {
  return { condition: 'service_started', restart, required: true }
}

function normalizeNetworks(model: Dict): Dict {
  const networks: Dict = isDict(model['networks']) ? { ...model['networks'] } : {}
  let usesDefault = false
  const services = isDict(model['services']) ? model['services'] : {}
  const out: Dict = {}
  for (const [name, s] of Object.entries(services)) {
    if (!isDict(s) || 'provider' in s || 'network_mode' in s) {
      out[name] = s
      continue
    }
    const nets = s['networks']
    if (!isDict(nets) || Object.keys(nets).length === 0) {
      out[name] = { ...s, networks: { default: null } }
      usesDefault = true
    } else {
      if ('default' in nets) usesDefault = true
      out[name] = s
    }
  }
  if (usesDefault && !('default' in networks)) networks['default'] = null
  const result: Dict = { ...model, services: out }
  if (Object.keys(networks).length > 0) result['networks'] = networks
  return result
}

function normalizeService(service: Dict, env: Env): Dict {
  const s: Dict = { ...service }
  if (s['pull_policy'] === 'if_not_present') s['pull_policy'] = 'missing'
  if (isDict(s['build'])) {
    const build: Dict = { ...s['build'] }
    if (build['context'] === undefined || build['context'] === null) build['context'] = '.'
    if (build['dockerfile'] === undefined && build['dockerfile_inline'] === undefined) build['dockerfile'] = 'Dockerfile'
    if ('args' in build) build['args'] = resolveMapping(build['args'], env, false)
    s['build'] = build
  }
  if ('environment' in s) s['environment'] = resolveMapping(s['environment'], env, true)
  const dependsOn: Dict = isDict(s['depends_on']) ? { ...s['depends_on'] } : {}
  if (Array.isArray(s['links'])) {
    for (const link of s['links']) {
      const parts = String(link).split(':')
      const target = parts.length === 2 ? (parts[0] as string) : String(link)
      if (!(target in dependsOn)) dependsOn[target] = implicitDependency(true)
    }
  }
  for (const ns of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const ref = s[ns]
    if (typeof ref === 'string' && ref.startsWith('service:')) {
      const shared = ref.slice('service:'.length)
      if (!(shared in dependsOn)) dependsOn[shared] = implicitDependency(true)
    }
  }
  if (Array.isArray(s['volumes'])) {
    s['volumes'] = s['volumes'].map((v) =>
      isDict(v) && typeof v['target'] === 'string' ? { ...v, target: cleanPath(v['target']) } : v,
    )
  }
  if (Array.isArray(s['volumes_from'])) {
    for (const from of s['volumes_from']) {
      const ref = String(from)
      if (ref.startsWith('container:')) continue
      const target = ref.split(':')[0] as string
      if (!(target in dependsOn)) dependsOn[target] = implicitDependency(false)
    }
  }
  if (Object.keys(dependsOn).length > 0) s['depends_on'] = dependsOn
  if (Array.isArray(s['pre_start']) && typeof s['image'] === 'string' && s['image'] !== '') {
    const image = s['image']
    s['pre_start'] = s['pre_start'].map((h) => (isDict(h) && !('image' in h) ? { ...h, image } : h))
  }
  return s
}

function setNameFromKey(model: Dict, projectName: string): Dict {
  const result: Dict = { ...model }
  for (const kind of ['networks', 'volumes', 'configs', 'secrets']) {
    const resources = model[kind]
    if (!isDict(resources)) continue
    const out: Dict = {}
    for (const [key, r] of Object.entries(resources)) {
      const resource: Dict = isDict(r) ? { ...r } : {}
      if (resource['name'] === undefined || resource['name'] === null) {
        const ext = resource['external']
        const external = ext === true || (typeof ext === 'string' && /^(1|t|true)$/i.test(ext))
        resource['name'] = external ? key : `${projectName}_${key}`
      }
      out[key] = resource
    }
    result[kind] = out
  }
  return result
}

/** The `Normalize` step; skipped with `--no-normalize`. */
export function applyImplicit(model: Dict, projectName: string, env: Env): Dict {
  const withNetworks = normalizeNetworks(model)
  const services = isDict(withNetworks['services']) ? withNetworks['services'] : {}
  const out: Dict = {}
  for (const [name, s] of Object.entries(services)) out[name] = isDict(s) ? normalizeService(s, env) : s
  return setNameFromKey({ ...withNetworks, name: projectName, services: out }, projectName)
}
