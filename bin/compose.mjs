#!/usr/bin/env node
// The `compose` command. Node runs the bundled JavaScript (`npm run build` makes dist/cli/);
// Bun runs the TypeScript sources directly.
const onBun = typeof globalThis.Bun !== 'undefined'
if (!onBun && !process.argv.slice(2).includes('serve')) {
  // undici's HTTP parser is WebAssembly; V8's optimizing tier recompiles it on a worker thread
  // for ~35 MB and up to 0.3 s at exit, which a short-lived CLI never benefits from (the
  // long-running `serve` does).
  try {
    const v8 = await import('node:v8')
    v8.setFlagsFromString('--liftoff-only')
  } catch {}
}
const entry = onBun ? '../adapters/cli/main.ts' : '../dist/cli/main.js'
const { main } = await import(new URL(entry, import.meta.url).href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && entry.startsWith('../dist/')) {
    process.stderr.write('compose: the JavaScript build is missing; run `npm run build` in the compose package first\n')
    process.exit(1)
  }
  throw error
})
process.exit(await main(process.argv.slice(2)))
