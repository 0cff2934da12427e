/**
 * Volume short syntax, as docker compose parses it (compose-go `format.ParseVolume`):
 * `[source:]target[:options]`. A source starting with `.`, `/`, `~`, `\\` or a drive letter is a
 * bind mount, anything else names a volume; no source means an anonymous volume. Options:
 * `ro`/`rw`, `nocopy`, SELinux `z`/`Z`, propagation (`rshared`, ...).
 */
import type { ServiceVolumeConfig } from '../../model/project.ts'

export class VolumeSpecError extends Error {}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']

function isWindowsDrive(buffer: string, char: string): boolean {
  return char === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)
}

export function isFilePath(source: string): boolean {
  if (source === '') return false
  if ('./~'.includes(source[0] as string)) return true
  if (source.startsWith('\\\\')) return true
  return source.length >= 2 && isWindowsDrive(source[0] as string, source[1] as string)
}

/** Parse one short-syntax volume. Throws `VolumeSpecError` on bad input. */
export function parseVolumeSpec(spec: string): ServiceVolumeConfig {
  if (spec.length === 0) throw new VolumeSpecError('invalid empty volume spec')
  if (spec.length <= 2) return { type: 'volume', target: spec, volume: {} }
  let source: string | undefined
  let target: string | undefined
  let readOnly = false
  let nocopy = false
  let selinux: 'z' | 'Z' | undefined
  let propagation: string | undefined
  let buffer = ''
  let depth = 0
  const END = '\u0000'
  const chars = [...spec, END]
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (char === '$' && chars[i + 1] === '{') {
      depth++
      buffer += char
      continue
    }
    if (char === '}' && depth > 0) {
      depth--
      buffer += char
      continue
    }
    if (isWindowsDrive(buffer, char)) {
      buffer += char
    } else if ((char === ':' || char === END) && depth === 0) {
      if (buffer === '') throw new VolumeSpecError(`invalid spec: ${spec}: empty section between colons`)
      if (source === undefined && char === END) target = buffer
      else if (source === undefined) source = buffer
      else if (target === undefined) target = buffer
      else if (char === ':') throw new VolumeSpecError(`invalid spec: ${spec}: too many colons`)
      else {
        for (const option of buffer.split(',')) {
          if (option === 'ro') readOnly = true
          else if (option === 'rw') readOnly = false
          else if (option === 'nocopy') nocopy = true
          else if (option === 'z' || option === 'Z') selinux = option
          else if (PROPAGATIONS.includes(option)) propagation = option
        }
      }
      buffer = ''
    } else {
      buffer += char
    }
  }
  const volume: ServiceVolumeConfig = { type: 'volume', target: target ?? '' }
  if (source !== undefined) volume.source = source
  if (readOnly) volume.read_only = true
  if (isFilePath(source ?? '')) {
    volume.type = 'bind'
    volume.bind = { create_host_path: true }
    if (selinux !== undefined) volume.bind.selinux = selinux
    if (propagation !== undefined) volume.bind.propagation = propagation
  } else {
    volume.volume = nocopy ? { nocopy: true } : {}
    if (selinux !== undefined || propagation !== undefined) {
      volume.bind = { create_host_path: false }
      if (selinux !== undefined) volume.bind.selinux = selinux
      if (propagation !== undefined) volume.bind.propagation = propagation
    }
  }
  return volume
}
