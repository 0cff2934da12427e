/// <reference types="bun-types" />
import { test } from 'bun:test'
import { interactiveSmokeChecks } from '../shared/interactive-smoke.ts'

for (const check of interactiveSmokeChecks(process.env, 'bun')) test(check.name, () => check.run(), 60_000)
