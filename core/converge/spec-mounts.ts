/**
 * Storage: `volumes` (named, anonymous, bind, tmpfs), `tmpfs`, file-based `secrets`/`configs`
 * (read-only binds) and `volumes_from`. Anonymous volumes of a replaced container are re-mounted
 * by name so data survives recreation (unless `-V` dropped `inherit`).
 */
import type { HostConfig, Mount } from '../engine/types.ts'
import type { FileReference, ServiceVolumeConfig } from '../model/project.ts'
import type { CreateSpecInput } from './create-spec.ts'
import { volumeName } from './naming.ts'

const ANONYMOUS = /^[0-9a-f]{64}$/

export interface MountsResult {
  host: Pick<HostConfig, 'Binds' | 'Mounts' | 'Tmpfs' | 'VolumesFrom'>
  volumes?: Record<string, Record<string, never>>
  /** `content:`/`environment:` secrets and configs: copied into the container after create. */
  files: InjectedFile[]
}

/** A file written into the container before it starts (docker compose copies these too). */
export interface InjectedFile {
  target: string
  content: string
  mode: number
  uid?: number
  gid?: number
}

function bindString(v: ServiceVolumeConfig): string {
  const opts: string[] = []
  if (v.read_only === true) opts.push('ro')
  if (v.bind?.selinux !== undefined) opts.push(v.bind.selinux)
  if (v.bind?.propagation !== undefined) opts.push(v.bind.propagation)
  return `${v.source ?? ''}:${v.target}${opts.length > 0 ? `:${opts.join(',')}` : ''}`
}

function toMount(input: CreateSpecInput, v: ServiceVolumeConfig, warnings: string[]): Mount | undefined {
  const base = { Target: v.target, ...(v.read_only === true ? { ReadOnly: true } : {}) }
  switch (v.type) {
    case 'volume': {
      if (v.volume?.subpath !== undefined) warnings.push(`volume subpath "${v.volume.subpath}" needs Engine API 1.45; ignored`)
      const options = {
        ...(v.volume?.nocopy === true ? { NoCopy: true } : {}),
        ...(v.volume?.labels !== undefined ? { Labels: v.volume.labels } : {}),
      }
      const opts = Object.keys(options).length > 0 ? { VolumeOptions: options } : {}
      if (v.source !== undefined && v.source !== '') {
        const name = input.project.volumes[v.source] !== undefined ? volumeName(input.project, v.source) : v.source
        return { Type: 'volume', Source: name, ...base, ...opts }
      }
      const inherited = input.inherit?.find((m) => m.Type === 'volume' && m.Destination === v.target && m.Name !== undefined)
      return { Type: 'volume', ...(inherited?.Name === undefined ? {} : { Source: inherited.Name }), ...base, ...opts }
    }
    case 'bind': {
      const propagation = v.bind?.propagation as NonNullable<Mount['BindOptions']>['Propagation'] | undefined
      const nonRecursive = v.bind?.recursive === 'disabled'
      if (v.bind?.recursive !== undefined && !nonRecursive && v.bind.recursive !== 'enabled') warnings.push(`bind recursive "${v.bind.recursive}" needs Engine API 1.44; ignored`)
      if (v.bind?.selinux !== undefined) warnings.push(`bind selinux "${v.bind.selinux}" is only honoured for binds that create their host path`)
      return {
        Type: 'bind',
        Source: v.source ?? '',
        ...base,
        ...(propagation !== undefined || nonRecursive ? { BindOptions: { ...(propagation === undefined ? {} : { Propagation: propagation }), ...(nonRecursive ? { NonRecursive: true } : {}) } } : {}),
        ...(v.consistency !== undefined ? { Consistency: v.consistency as Mount['Consistency'] } : {}),
      }
    }
    case 'tmpfs':
      return {
        Type: 'tmpfs',
        ...base,
        ...(v.tmpfs !== undefined ? { TmpfsOptions: { ...(v.tmpfs.size === undefined ? {} : { SizeBytes: v.tmpfs.size }), ...(v.tmpfs.mode === undefined ? {} : { Mode: v.tmpfs.mode }) } } : {}),
      }
    case 'npipe':
      return { Type: 'npipe', Source: v.source ?? '', ...base }
    default:
      warnings.push(`volume type "${v.type}" at ${v.target} is not supported by Engine API 1.41; ignored`)
      return undefined
  }
}

function fileMount(kind: 'secrets' | 'configs', ref: FileReference, input: Pick<CreateSpecInput, 'project'>, warnings: string[], files: InjectedFile[]): Mount | undefined {
  const def = kind === 'secrets' ? input.project.secrets[ref.source] : input.project.configs[ref.source]
  let target = ref.target ?? (kind === 'secrets' ? `/run/secrets/${ref.source}` : `/${ref.source}`)
  if (kind === 'secrets' && !target.startsWith('/')) target = `/run/secrets/${target}`
  if (def?.file !== undefined && (ref.uid !== undefined || ref.gid !== undefined || ref.mode !== undefined)) {
    warnings.push(`${kind} "${ref.source}": uid, gid and mode are not supported for file-based ${kind}; ignored`)
  }
  if (def?.file !== undefined) return { Type: 'bind', Source: def.file, Target: target, ReadOnly: true }
  if (def?.external === true) {
    warnings.push(`${kind} "${ref.source}" is external (swarm only); ignored`)
    return undefined
  }
  const content = def?.content ?? (def?.environment === undefined ? undefined : input.project.environment?.[def.environment])
  if (content === undefined) {
    warnings.push(`${kind} "${ref.source}": ${def?.environment === undefined ? 'no file, content or environment' : `variable ${def.environment} is not set`}; ignored`)
    return undefined
  }
  files.push({ target, content, mode: ref.mode ?? 0o444, ...(ref.uid === undefined ? {} : { uid: Number(ref.uid) }), ...(ref.gid === undefined ? {} : { gid: Number(ref.gid) }) })
  return undefined
}

/**
 * The secrets and configs of a service that are written into its containers (from `content` or
 * `environment`; file-based ones are bind mounts): at create, and again before every start of an
 * existing container, so that a changed value reaches it (docker compose injectSecrets).
 */
export function injectedFiles(project: CreateSpecInput['project'], service: CreateSpecInput['service']): InjectedFile[] {
  const files: InjectedFile[] = []
  const ignored: string[] = [] // what is wrong with them was said when the container was created
  for (const ref of service.secrets ?? []) fileMount('secrets', ref, { project }, ignored, files)
  for (const ref of service.configs ?? []) fileMount('configs', ref, { project }, ignored, files)
  return files
}

export function toMounts(input: CreateSpecInput, warnings: string[]): MountsResult {
  const { service, refs } = input
  const binds: string[] = []
  const mounts: Mount[] = []
  for (const v of service.volumes ?? []) {
    if (v.type === 'bind' && v.bind?.create_host_path !== false && v.bind?.recursive === undefined) {
      binds.push(bindString(v))
      continue
    }
    const m = toMount(input, v, warnings)
    if (m !== undefined) mounts.push(m)
  }
  const files: InjectedFile[] = []
  for (const ref of service.secrets ?? []) {
    const m = fileMount('secrets', ref, input, warnings, files)
    if (m !== undefined) mounts.push(m)
  }
  for (const ref of service.configs ?? []) {
    const m = fileMount('configs', ref, input, warnings, files)
    if (m !== undefined) mounts.push(m)
  }
  // anonymous volumes of the replaced container at paths the service does not mount (image VOLUMEs)
  const taken = new Set([...mounts.map((m) => m.Target), ...binds.map((b) => b.split(':')[1] ?? '')])
  for (const m of input.inherit ?? []) {
    if (m.Type === 'volume' && m.Name !== undefined && ANONYMOUS.test(m.Name) && !taken.has(m.Destination)) {
      mounts.push({ Type: 'volume', Source: m.Name, Target: m.Destination, ...(m.RW ? {} : { ReadOnly: true }) })
      taken.add(m.Destination)
    }
  }
  const tmpfs: Record<string, string> = {}
  for (const t of service.tmpfs ?? []) {
    const i = t.indexOf(':')
    if (i < 0) tmpfs[t] = ''
    else tmpfs[t.slice(0, i)] = t.slice(i + 1)
  }
  const volumesFrom = (service.volumes_from ?? []).map((from) => {
    const [name = '', ...rest] = from.split(':')
    if (name === 'container') return rest.join(':')
    const id = refs[name] ?? name
    return rest.length > 0 ? `${id}:${rest.join(':')}` : id
  })
  return {
    host: {
      ...(binds.length > 0 ? { Binds: binds } : {}),
      ...(mounts.length > 0 ? { Mounts: mounts } : {}),
      ...(Object.keys(tmpfs).length > 0 ? { Tmpfs: tmpfs } : {}),
      ...(volumesFrom.length > 0 ? { VolumesFrom: volumesFrom } : {}),
    },
    files,
  }
}
