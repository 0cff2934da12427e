/**
 * compose:scale — desired replica counts: `--scale svc=n` wins over `scale:`, which wins over
 * `deploy.replicas`; otherwise 1. Without this plugin every service runs one container.
 */
import { ComposeError, type ComposePlugin, definePlugin, type DesiredState } from '../../core/index.ts'

export function replicasOf(desired: DesiredState, service: string): number {
  const s = desired.project.services[service]
  return desired.scale[service] ?? s?.scale ?? s?.deploy?.replicas ?? 1
}

export const scalePlugin = definePlugin((): ComposePlugin => ({
  name: 'compose:scale',
  hooks: {
    'plan:prepare'(_ctx, desired) {
      for (const name of Object.keys(desired.scale)) {
        if (desired.project.services[name] === undefined) throw new ComposeError('GRAPH_NO_SUCH_SERVICE', `--scale: no such service: ${name}`)
      }
      for (const service of desired.services) desired.replicas[service] = replicasOf(desired, service)
    },
  },
}))
