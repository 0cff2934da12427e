// Bundles the CLI for Node into one CommonJS file, dist/cli/main.cjs, and makes a V8 code cache
// for it (dist/cli/main.cjs.cache) that bin/compose.cjs hands to vm.Script. A short command
// such as `compose ps` otherwise spends a third of its life parsing and compiling JavaScript:
// Node 20 has no compile cache for ES modules (module.enableCompileCache came in Node 22).
// Bun and Deno run the TypeScript sources and use neither file.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

rmSync('dist/cli', { recursive: true, force: true })

/**
 * Builtins that cost a short command milliseconds to load and that most commands never call:
 * node:crypto (~5 ms, a dozen internal modules; for hashes) and node:fs/promises (~3 ms with
 * readline and streams; for builds, cp and watch). The bundle's imports of them go through
 * stubs that load them on the first call. A stub lists the functions the sources use;
 * importing another one fails the build here.
 */
const LAZY_BUILTINS = {
  'node:crypto': ['createHash'],
  'node:fs/promises': ['chmod', 'chown', 'link', 'lstat', 'mkdir', 'mkdtemp', 'open', 'readFile', 'readdir', 'readlink', 'realpath', 'rm', 'stat', 'symlink', 'unlink', 'utimes', 'writeFile'],
}
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    // our sources only: a dependency's require() of them expects the whole module
    b.onResolve({ filter: /^node:(crypto|fs\/promises)$/ }, (args) =>
      args.namespace === 'compose-lazy' || /[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: args.path, namespace: 'compose-lazy' },
    )
    b.onLoad({ filter: /.*/, namespace: 'compose-lazy' }, (args) => ({
      contents: [
        'let loaded',
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}))`,
        ...LAZY_BUILTINS[args.path].map((name) => `export function ${name}(...args) { return load().${name}(...args) }`),
      ].join('\n'),
      loader: 'js',
    }))
  },
}

/**
 * Stand-ins for what undici's files load and compose never uses, each several ms of every start:
 * - its HTTP/2 client (required by client.js at load; it loads node:http2 and node:tls): compose
 *   never offers HTTP/2 (no `allowH2`, so ALPN never picks h2 and connectH2 is unreachable);
 * - node:assert, for bare `assert(value)` calls;
 * - node:http, for `http.maxHeaderSize` (16 KiB is Node's default) and a constructor comparison
 *   that never matches a stream of ours.
 */
const UNDICI_STAND_INS = {
  './client-h2.js': "module.exports = function connectH2 () { throw new Error('compose does not speak HTTP/2 to the Docker Engine') }",
  'node:assert': "module.exports = function assert (value, message) { if (!value) { const error = new Error(message ?? 'assertion failed'); error.code = 'ERR_ASSERTION'; throw error } }",
  'node:http': 'module.exports = { IncomingMessage: function IncomingMessage () {}, maxHeaderSize: 16384 }',
}
const undiciStandIns = {
  name: 'undici-stand-ins',
  setup(b) {
    b.onResolve({ filter: /^(\.\/client-h2\.js|node:assert|node:http)$/ }, (args) =>
      /undici[\\/]lib[\\/]/.test(args.importer) ? { path: args.path, namespace: 'compose-undici-stub' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'compose-undici-stub' }, (args) => ({ contents: UNDICI_STAND_INS[args.path], loader: 'js' }))
  },
}

await build({
  entryPoints: { main: 'adapters/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // jiti is only needed for a compose.config.ts on Node and is loaded on demand
  external: ['jiti'],
  plugins: [undiciStandIns, lazyBuiltins],
  // the sources are ES modules: give them their own URL (config files and plugins resolve from it)
  define: { 'import.meta.url': '__compose_module_url' },
  banner: { js: "const __compose_module_url = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'linked',
  // less text for V8 to scan at start-up; identifiers kept for readable stack traces (COMPOSE_DEBUG)
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
})

// bin/compose.cjs reads the bundle as Latin-1 (Node then hands V8 the bytes without decoding
// them, ~2 ms sooner than UTF-8 for this size), which is exact only for ASCII: esbuild escapes
// strings, but not every regular expression or template literal
const nonAscii = /[^\x00-\x7f]/.exec(readFileSync('dist/cli/main.cjs', 'latin1'))
if (nonAscii !== null) {
  const text = readFileSync('dist/cli/main.cjs', 'latin1')
  throw new Error(`bundle-cli: dist/cli/main.cjs has a non-ASCII character near: ${JSON.stringify(text.slice(Math.max(0, nonAscii.index - 60), nonAscii.index + 20))}; write it as a \\u escape in the source`)
}

// The cache holds the functions compiled by warm-up commands (the loader, `config`, the engine
// client, `ps`, planning an `up`), so it is made by a child process that loads the bundle as the
// bin does. All read-only; without an engine the engine ones stop at their connection error.
const example = ['-f', 'examples/hello/compose.yaml']
const warmup = [
  [...example, 'config', '-q'],
  [...example, 'ps'],
  [...example, '--dry-run', 'up', '-d'],
]
const warm = spawnSync(process.execPath, ['bin/compose.cjs', '--help'], {
  env: { ...process.env, COMPOSE_WRITE_CODE_CACHE: '1', COMPOSE_CODE_CACHE_WARMUP: JSON.stringify(warmup) },
  stdio: ['ignore', 'ignore', 'ignore'],
  // an engine that never answers (a DOCKER_HOST far away) must not hold the build up
  timeout: 30_000,
})
if (warm.status !== 0) {
  process.stderr.write(`bundle-cli: the warm-up run for the code cache exited ${warm.status}; the CLI works without the cache\n`)
}
