import { describe, it } from 'vitest'
import { conformanceChecks } from '../../../plugins/_testing/index.ts'
import { notifyUnhealthyChecks } from './checks.ts'
import { notifyUnhealthyPlugin } from './index.ts'

describe('compose-plugin-notify-unhealthy', () => {
  for (const check of notifyUnhealthyChecks(process.env)) it(check.name, () => check.run(), 60_000)
  for (const check of conformanceChecks(({ engine }) => notifyUnhealthyPlugin({ url: 'http://127.0.0.1:9/', engine }))) it(check.name, () => check.run(), 20_000)
})
