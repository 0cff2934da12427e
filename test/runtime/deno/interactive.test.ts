import { interactiveSmokeChecks } from '../shared/interactive-smoke.ts'

const env = Deno.env.toObject()
for (const check of interactiveSmokeChecks(env, 'deno')) {
  Deno.test({ name: check.name, fn: () => check.run(), sanitizeOps: false, sanitizeResources: false })
}
