/** `services.*.develop`: file watch rules for `compose watch`. */
import { boolean, oneOf, serviceHook, string, stringOrList } from './_common.ts'
import { anyOf, byType, list, object, type Schema } from './_define.ts'

export const WATCH_ACTIONS = ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] as const

export const developSchema: Schema = byType({
  null: anyOf('null'),
  object: object({
    watch: list(
      object(
        {
          ignore: stringOrList,
          include: stringOrList,
          path: string,
          action: oneOf(WATCH_ACTIONS),
          target: string,
          exec: serviceHook,
          initial_sync: boolean,
        },
        { required: ['path', 'action'] },
      ),
    ),
  }),
})
