/// <reference types="bun-types" />
import { test } from 'bun:test'
import { engineSmokeChecks } from '../shared/engine-smoke.ts'

for (const check of engineSmokeChecks(process.env, 'bun')) test(check.name, () => check.run(), 60_000)
