/** `services.*.volumes`: short `src:dst:opts` strings or long mount definitions. */
import { boolOrString, integer, listOrDict, numOrString, oneOf, string } from './_common.ts'
import { byType, list, object, type Schema } from './_define.ts'

export const MOUNT_TYPES = ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'] as const

export const serviceVolumesSchema: Schema = list(
  byType({
    string,
    object: object(
      {
        type: oneOf(MOUNT_TYPES),
        source: string,
        target: string,
        read_only: boolOrString,
        consistency: string,
        bind: object({
          propagation: string,
          create_host_path: boolOrString,
          recursive: oneOf(['enabled', 'disabled', 'writable', 'readonly']),
          selinux: oneOf(['z', 'Z']),
        }),
        volume: object({ labels: listOrDict, nocopy: boolOrString, subpath: string }),
        tmpfs: object({ size: byType({ number: integer({ min: 0 }), string }), mode: numOrString }),
        image: object({ subpath: string }),
      },
      { required: ['type'] },
    ),
  }),
  { unique: true },
)
