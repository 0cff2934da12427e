// Bundles the CLI for Node into dist/cli/ (ES modules, split at the lazy command imports), so
// that `compose ps` loads a few files instead of ~400 modules. Bun and Deno run the sources.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

// chunk names carry content hashes: start clean so stale chunks do not pile up
rmSync('dist/cli', { recursive: true, force: true })

await build({
  entryPoints: { main: 'adapters/cli/main.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jiti is only needed for a compose.config.ts on Node and is loaded on demand
  external: ['jiti'],
  // some bundled CommonJS packages call require() for Node built-ins
  banner: { js: "import { createRequire as __compose_require } from 'node:module'; const require = __compose_require(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  // less text for V8 to scan at start-up; identifiers kept for readable stack traces (COMPOSE_DEBUG)
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
})
