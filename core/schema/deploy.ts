/** `services.*.deploy` (Swarm-era deployment settings; compose uses a subset, see 2.4). */
import { deviceRequests, intOrString, listOrDict, numOrString, oneOf, string } from './_common.ts'
import { anyOf, byType, list, object, type Schema } from './_define.ts'

const updateConfig: Schema = object({
  parallelism: intOrString,
  delay: string,
  failure_action: string,
  monitor: string,
  max_failure_ratio: numOrString,
  order: oneOf(['start-first', 'stop-first']),
})

const genericResources: Schema = list(
  object({ discrete_resource_spec: object({ kind: string, value: numOrString }) }),
)

export const deploySchema: Schema = byType({
  null: anyOf('null'),
  object: object({
    mode: string,
    endpoint_mode: string,
    replicas: intOrString,
    labels: listOrDict,
    rollback_config: updateConfig,
    update_config: updateConfig,
    resources: object({
      limits: object({ cpus: numOrString, memory: string, pids: intOrString }),
      reservations: object({
        cpus: numOrString,
        memory: string,
        generic_resources: genericResources,
        devices: deviceRequests,
      }),
    }),
    restart_policy: object({ condition: string, delay: string, max_attempts: intOrString, window: string }),
    placement: object({
      constraints: list(string),
      preferences: list(object({ spread: string })),
      max_replicas_per_node: intOrString,
    }),
  }),
})
