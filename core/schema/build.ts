/** `services.*.build`: a context path, or the full build definition. */
import {
  boolOrString,
  extraHosts,
  fileReferences,
  intOrString,
  listOrDict,
  string,
  stringOrList,
  ulimits,
} from './_common.ts'
import { anyOf, byType, list, object, type Schema } from './_define.ts'

const strings: Schema = list(string)

export const buildSchema: Schema = byType({
  string,
  object: object({
    context: string,
    dockerfile: string,
    dockerfile_inline: string,
    entitlements: strings,
    args: listOrDict,
    ssh: listOrDict,
    labels: listOrDict,
    cache_from: strings,
    cache_to: strings,
    no_cache: boolOrString,
    no_cache_filter: stringOrList,
    additional_contexts: listOrDict,
    network: string,
    provenance: anyOf('string', 'boolean'),
    sbom: anyOf('string', 'boolean'),
    pull: boolOrString,
    target: string,
    shm_size: intOrString,
    extra_hosts: extraHosts,
    isolation: string,
    privileged: boolOrString,
    secrets: fileReferences,
    tags: strings,
    ulimits,
    platforms: strings,
  }),
})
