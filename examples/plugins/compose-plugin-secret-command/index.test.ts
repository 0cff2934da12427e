import { describe, it } from 'vitest'
import { conformanceChecks } from '../../../plugins/_testing/index.ts'
import { secretCommandChecks } from './checks.ts'
import { secretCommandPlugin } from './index.ts'

const sample = 'services:\n  app:\n    image: busybox:latest\n    x-secret-command: { TOKEN: "echo t" }\n'

describe('compose-plugin-secret-command', () => {
  for (const check of secretCommandChecks(process.env)) it(check.name, () => check.run(), 60_000)
  for (const check of conformanceChecks(secretCommandPlugin(), { sampleProject: sample })) it(check.name, () => check.run(), 20_000)
})
