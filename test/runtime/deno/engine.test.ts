import { engineSmokeChecks } from '../shared/engine-smoke.ts'

const env = Deno.env.toObject()
for (const check of engineSmokeChecks(env, 'deno')) {
  Deno.test({ name: check.name, fn: () => check.run(), sanitizeOps: false, sanitizeResources: false })
}
