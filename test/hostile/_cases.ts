/**
 * The hostile inputs (reference/security.md section 3.A) and what each must produce. Text cases
 * live in ./files/<id>/ (entry `compose.yaml`); generated ones (too big, or binary) come from
 * ./_generate.ts. `at` is the `file:line:col` the message must carry, relative to the case folder.
 * Legal cases (`ok`) are the near misses that must keep working: legal extends chains, an
 * include diamond, `x-` fields, a BOM, UTF-16 with a BOM, several documents.
 */
import * as gen from './_generate.ts'

export type Category =
  | 'malformed YAML'
  | 'wrong types'
  | 'alias bombs'
  | 'size'
  | 'circular depends_on'
  | 'circular extends'
  | 'include cycles'
  | 'invalid interpolation'
  | 'unknown fields'
  | 'encodings'

export interface Failing {
  /** The message must match. */
  message: RegExp
  /** `compose.yaml:3:1`; `file` when the file is named without a position (refused before parsing). */
  at: string
}

export interface HostileCase {
  id: string
  category: Category
  /** Generated `compose.yaml` content; otherwise the files in ./files/<id>/. */
  generate?: () => Uint8Array
  /** Fed on standard input with `-f -` instead of written to `compose.yaml`. */
  stdin?: true
  expect: 'ok' | Failing
  /** Budgets for the whole `config` process (defaults in hostile.test.ts), with the reason when raised. */
  budget?: { ms?: number; rssMiB?: number; why: string }
}

const fail = (message: RegExp, at: string): Failing => ({ message, at })

export const CASES: readonly HostileCase[] = [
  // 1. malformed YAML
  { id: 'yaml-tab-indent', category: 'malformed YAML', expect: fail(/Tabs are not allowed as indentation/, 'compose.yaml:3:1') },
  { id: 'yaml-unclosed-bracket', category: 'malformed YAML', expect: fail(/Flow sequence .* end with a \]/, 'compose.yaml:5:3') },
  { id: 'yaml-duplicate-key', category: 'malformed YAML', expect: fail(/mapping key "image" already defined at line 3/, 'compose.yaml:5:5') },
  { id: 'yaml-stray-colon', category: 'malformed YAML', expect: fail(/Nested mappings are not allowed in compact mappings/, 'compose.yaml:3:12') },
  { id: 'yaml-unclosed-quote', category: 'malformed YAML', expect: fail(/Missing closing "quote/, 'compose.yaml:5:1') },
  // 2. wrong types
  { id: 'type-ports-number', category: 'wrong types', expect: fail(/services\.web\.ports must be a list/, 'compose.yaml:4:5') },
  { id: 'type-environment-number', category: 'wrong types', expect: fail(/services\.web\.environment must be a list or mapping/, 'compose.yaml:4:5') },
  { id: 'type-depends-on-yes', category: 'wrong types', expect: fail(/services\.web\.depends_on\.db must be a mapping/, 'compose.yaml:4:18') },
  { id: 'type-cpus-lots', category: 'wrong types', expect: fail(/services\.web\.cpus: failed to cast to expected type: invalid number "lots"/, 'compose.yaml:4:5') },
  { id: 'type-services-list', category: 'wrong types', expect: fail(/services must be a mapping/, 'compose.yaml:1:1') },
  // 3. alias bombs
  { id: 'alias-bomb-lol', category: 'alias bombs', expect: fail(/document contains excessive aliasing/, 'compose.yaml:14:14') },
  { id: 'alias-bomb-unused-extension', category: 'alias bombs', expect: fail(/document contains excessive aliasing/, 'compose.yaml:10:54') },
  { id: 'alias-merge-chain-10k', category: 'alias bombs', generate: () => gen.mergeChain(), expect: fail(/document contains excessive aliasing/, 'compose.yaml:10004:13') },
  { id: 'alias-undefined', category: 'alias bombs', expect: fail(/unknown anchor nope/, 'compose.yaml:6:5') },
  { id: 'alias-recursive', category: 'alias bombs', expect: fail(/anchor cycle: services\.web\.labels contains itself/, 'compose.yaml:4:5') },
  // 4. size
  { id: 'size-10mib-file', category: 'size', generate: gen.tenMiBFile, expect: fail(/is 1048\d{4} bytes, more than the limit of 8388608/, 'file') },
  { id: 'size-10mib-stdin', category: 'size', generate: gen.tenMiBFile, stdin: true, expect: fail(/is 1048\d{4} bytes, more than the limit of 8388608/, '<stdin>') },
  {
    id: 'size-100k-services',
    category: 'size',
    generate: () => gen.manyServices(),
    expect: fail(/service "last" depends on undefined service "missing"/, 'compose.yaml:200004:5'),
    budget: {
      ms: 90_000,
      rssMiB: 1536,
      why: 'known gap (security.md asks < 2 s, < 256 MiB): the 2.4 MB file is under the 8 MiB size limit, so its 100k services are parsed, validated and normalized in full (7.6 s and 539 MiB peak on the 2-core test machine, 2026-11-26) before the undefined dependency is found; the HTTP adapter\'s 1 MiB body limit keeps it off the network path',
    },
  },
  { id: 'size-1mib-scalar', category: 'size', generate: gen.oneMiBScalar, expect: fail(/services\.web\.environment must be a list or mapping/, 'compose.yaml:4:5') },
  { id: 'size-20k-nested-brackets', category: 'size', generate: () => gen.deepBrackets(), expect: fail(/Maximum call stack size exceeded \(RESOURCE_EXHAUSTION\)/, 'compose.yaml:4:') },
  { id: 'size-20k-unclosed-brackets', category: 'size', generate: () => gen.unclosedBrackets(), expect: fail(/Maximum call stack size exceeded \(RESOURCE_EXHAUSTION\)/, 'compose.yaml:4:') },
  // 5. circular depends_on
  { id: 'depends-on-two-cycle', category: 'circular depends_on', expect: fail(/dependency cycle detected: a -> b -> a/, 'compose.yaml:4:5') },
  { id: 'depends-on-self', category: 'circular depends_on', expect: fail(/dependency cycle detected: a -> a/, 'compose.yaml:4:5') },
  { id: 'depends-on-network-mode-cycle', category: 'circular depends_on', expect: fail(/dependency cycle detected: a -> b -> a/, 'compose.yaml:2:3') },
  { id: 'depends-on-three-cycle', category: 'circular depends_on', expect: fail(/dependency cycle detected: a -> b -> c -> a/, 'compose.yaml:4:5') },
  { id: 'depends-on-links-cycle', category: 'circular depends_on', expect: fail(/dependency cycle detected: a -> b -> a/, 'compose.yaml:2:3') },
  // 6. circular extends, and the legal chains compose-go once flagged (compose#11343, #11469)
  { id: 'extends-cycle-same-file', category: 'circular extends', expect: fail(/Circular reference:\n\s+a in .*\n\s+extends b in .*\n\s+extends c in .*\n\s+extends a in /, 'compose.yaml:4:5') },
  { id: 'extends-cycle-two-files', category: 'circular extends', expect: fail(/Circular reference:\n\s+web in .*compose\.yaml\n\s+extends base in .*base\.yaml\n\s+extends web in /, 'compose.yaml:3:5') },
  { id: 'extends-self', category: 'circular extends', expect: fail(/Circular reference:\n\s+a in .*\n\s+extends a in /, 'compose.yaml:4:5') },
  { id: 'extends-legal-chain', category: 'circular extends', expect: 'ok' },
  { id: 'extends-legal-same-name-across-files', category: 'circular extends', expect: 'ok' },
  { id: 'extends-legal-diamond', category: 'circular extends', expect: 'ok' },
  // 7. include cycles
  { id: 'include-self', category: 'include cycles', expect: fail(/include cycle detected:\n.*compose\.yaml\n include .*compose\.yaml/, 'compose.yaml:2:5') },
  { id: 'include-two-cycle', category: 'include cycles', expect: fail(/include cycle detected:\n.*compose\.yaml\n include .*b\/compose\.yaml\n include .*compose\.yaml/, 'b/compose.yaml:2:5') },
  { id: 'include-missing-file', category: 'include cycles', expect: fail(/included file .*nowhere\/compose\.yaml not found/, 'compose.yaml:5:5') },
  { id: 'include-conflict', category: 'include cycles', expect: fail(/imported compose file .*two\.yaml defines conflicting service web/, 'two.yaml:2:3') },
  { id: 'include-legal-diamond', category: 'include cycles', expect: 'ok' },
  { id: 'include-legal-local-override', category: 'include cycles', expect: 'ok' },
  // 8. invalid interpolation
  { id: 'interp-unclosed-dollar-brace', category: 'invalid interpolation', expect: fail(/invalid interpolation format for services\.web\.image/, 'compose.yaml:3:5') },
  { id: 'interp-required-unset', category: 'invalid interpolation', expect: fail(/required variable HOSTILE_UNSET_TOKEN is missing a value: must be set/, 'compose.yaml:5:7') },
  { id: 'interp-positional', category: 'invalid interpolation', expect: fail(/invalid interpolation format for services\.web\.image/, 'compose.yaml:3:5') },
  { id: 'interp-nested-unclosed', category: 'invalid interpolation', expect: fail(/invalid interpolation format for services\.web\.command/, 'compose.yaml:4:5') },
  { id: 'interp-dotenv-invalid', category: 'invalid interpolation', expect: fail(/Invalid template: "\$\{"/, '.env:2:1') },
  // 9. unknown fields
  { id: 'unknown-top-level', category: 'unknown fields', expect: fail(/unknown key `servces`, did you mean `services`\?/, 'compose.yaml:1:1') },
  { id: 'unknown-service-key', category: 'unknown fields', expect: fail(/unknown key `imag`, did you mean `image`\?/, 'compose.yaml:3:5') },
  { id: 'unknown-nested-key', category: 'unknown fields', expect: fail(/unknown key `intervl`, did you mean `interval`\?/, 'compose.yaml:6:7') },
  { id: 'unknown-network-key', category: 'unknown fields', expect: fail(/unknown key `drivr`, did you mean `driver`\?/, 'compose.yaml:7:5') },
  { id: 'unknown-legal-extensions', category: 'unknown fields', expect: 'ok' },
  // 10. encodings
  { id: 'enc-bom', category: 'encodings', generate: gen.withBom, expect: 'ok' },
  { id: 'enc-utf16-bom', category: 'encodings', generate: gen.utf16WithBom, expect: 'ok' },
  { id: 'enc-utf16-no-bom', category: 'encodings', generate: gen.utf16WithoutBom, expect: fail(/contains binary data \(a NUL character at offset 1\)/, 'file') },
  { id: 'enc-nul-bytes', category: 'encodings', generate: gen.nulBytes, expect: fail(/contains binary data \(a NUL character at offset 31\)/, 'file') },
  { id: 'enc-binary-garbage', category: 'encodings', generate: () => gen.binaryGarbage(), expect: fail(/is not a text file \(invalid UTF-8\)/, 'file') },
  { id: 'enc-empty', category: 'encodings', expect: fail(/empty compose file/, 'compose.yaml:1:1') },
  { id: 'enc-multi-document', category: 'encodings', expect: 'ok' },
]
