/** Decoding of top-level networks, volumes, secrets, configs and models. */
import type { ConfigObjConfig, ModelConfig, NetworkConfig, SecretConfig, VolumeConfig } from '../../model/project.ts'
import { bool, dict, int, listOf, mapping, str, strList, struct, type Decoder, type FieldTable, type Path } from './_decode.ts'

const external: Decoder<boolean> = bool

const NETWORK_FIELDS: FieldTable = [
  ['name', str],
  ['driver', str],
  ['driver_opts', mapping],
  ['ipam', struct([
    ['driver', str],
    ['config', listOf(struct([['subnet', str], ['gateway', str], ['ip_range', str], ['aux_addresses', mapping]]))],
    ['options', mapping],
  ])],
  ['external', external],
  ['internal', bool],
  ['attachable', bool],
  ['labels', mapping],
  ['enable_ipv4', bool],
  ['enable_ipv6', bool],
]

const VOLUME_FIELDS: FieldTable = [
  ['name', str],
  ['driver', str],
  ['driver_opts', mapping],
  ['external', external],
  ['labels', mapping],
]

const FILE_OBJECT_FIELDS: FieldTable = [
  ['name', str],
  ['file', str],
  ['environment', str],
  ['content', str],
  ['external', external],
  ['labels', mapping],
  ['driver', str],
  ['driver_opts', mapping],
  ['template_driver', str],
]

const MODEL_FIELDS: FieldTable = [
  ['name', str],
  ['model', str],
  ['context_size', int],
  ['runtime_flags', strList],
]

function decodeAll<T>(value: unknown, path: Path, decode: Decoder<T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [key, item] of Object.entries(dict(value, path))) out[key] = decode(item ?? {}, [...path, key])
  return out
}

export const decodeNetworks = (v: unknown): Record<string, NetworkConfig> => decodeAll(v, ['networks'], struct<NetworkConfig>(NETWORK_FIELDS))
export const decodeVolumes = (v: unknown): Record<string, VolumeConfig> => decodeAll(v, ['volumes'], struct<VolumeConfig>(VOLUME_FIELDS))
export const decodeSecrets = (v: unknown): Record<string, SecretConfig> => decodeAll(v, ['secrets'], struct<SecretConfig>(FILE_OBJECT_FIELDS))
export const decodeConfigs = (v: unknown): Record<string, ConfigObjConfig> => decodeAll(v, ['configs'], struct<ConfigObjConfig>(FILE_OBJECT_FIELDS))
export const decodeModels = (v: unknown): Record<string, ModelConfig> => decodeAll(v, ['models'], struct<ModelConfig>(MODEL_FIELDS))
