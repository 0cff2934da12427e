import { describe, it } from 'vitest'
import { conformanceChecks } from '../../../plugins/_testing/index.ts'
import { traefikLabelsChecks } from './checks.ts'
import { traefikLabelsPlugin } from './index.ts'

describe('compose-plugin-traefik-labels', () => {
  for (const check of traefikLabelsChecks(process.env)) it(check.name, () => check.run(), 60_000)
  for (const check of conformanceChecks(traefikLabelsPlugin())) it(check.name, () => check.run(), 20_000)
})
