/**
 * The example plugins' checks and the conformance check, as one list every runtime runs:
 * vitest runs the same functions from examples/plugins/<name>/index.test.ts.
 */
import { notifyUnhealthyChecks } from '../../../examples/plugins/compose-plugin-notify-unhealthy/checks.ts'
import { notifyUnhealthyPlugin } from '../../../examples/plugins/compose-plugin-notify-unhealthy/index.ts'
import { secretCommandChecks } from '../../../examples/plugins/compose-plugin-secret-command/checks.ts'
import { secretCommandPlugin } from '../../../examples/plugins/compose-plugin-secret-command/index.ts'
import { traefikLabelsChecks } from '../../../examples/plugins/compose-plugin-traefik-labels/checks.ts'
import { traefikLabelsPlugin } from '../../../examples/plugins/compose-plugin-traefik-labels/index.ts'
import { conformanceChecks, type ConformanceCheck } from '../../../plugins/_testing/index.ts'

export function pluginChecks(env: Readonly<Record<string, string | undefined>>): ConformanceCheck[] {
  return [
    ...traefikLabelsChecks(env),
    ...secretCommandChecks(env),
    ...notifyUnhealthyChecks(env),
    ...conformanceChecks(traefikLabelsPlugin()),
    ...conformanceChecks(secretCommandPlugin(), { sampleProject: 'services:\n  app:\n    image: busybox:latest\n    x-secret-command: { TOKEN: "echo t" }\n' }),
    ...conformanceChecks(({ engine }) => notifyUnhealthyPlugin({ url: 'http://127.0.0.1:9/', engine })),
  ]
}
