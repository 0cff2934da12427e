#!/usr/bin/env node
// The `compose` command. Node runs the built JavaScript (npm run build); Bun runs the
// TypeScript sources directly.
const entry = typeof globalThis.Bun !== 'undefined' ? '../adapters/cli/main.ts' : '../dist/adapters/cli/main.js'
const { main } = await import(new URL(entry, import.meta.url).href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && entry.startsWith('../dist/')) {
    process.stderr.write('compose: the JavaScript build is missing; run `npm run build` in the compose package first\n')
    process.exit(1)
  }
  throw error
})
process.exit(await main(process.argv.slice(2)))
