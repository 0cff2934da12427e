/// <reference types="bun-types" />
import { test } from 'bun:test'
import { pluginChecks } from '../shared/plugin-checks.ts'

for (const check of pluginChecks(process.env)) test(check.name, () => check.run(), 60_000)
