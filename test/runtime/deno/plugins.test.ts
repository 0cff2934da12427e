import { pluginChecks } from '../shared/plugin-checks.ts'

for (const check of pluginChecks(Deno.env.toObject())) {
  Deno.test({ name: check.name, fn: () => check.run(), sanitizeOps: false, sanitizeResources: false })
}
