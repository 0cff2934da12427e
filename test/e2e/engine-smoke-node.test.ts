import { describe, it } from 'vitest'
import { engineSmokeChecks } from '../runtime/shared/engine-smoke.ts'

describe('engine smoke checks on Node (the same ones Bun and Deno run)', () => {
  for (const check of engineSmokeChecks(process.env, 'node')) it(check.name, () => check.run())
})
