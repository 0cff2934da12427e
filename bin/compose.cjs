#!/bin/sh
':' //; if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -z "${COMPOSE_KEEP_NODE_EXTRA_CA_CERTS:-}" ]; then export COMPOSE_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"
// The `compose` command. The line above is both shell and JavaScript: sh runs it (the file's
// interpreter) and starts Node on this file; for JavaScript it is a string and a comment.
// It sets NODE_EXTRA_CA_CERTS aside: Node 20 reads and parses every certificate that variable
// names while it starts, before any JavaScript runs (nodejs/node#40524), ~35-55 ms for a system
// bundle, a third of a short command. Compose does not use those certificates for the Docker
// socket; a TLS engine without a CA file of its own still gets them (core/engine/host.ts), and
// processes compose starts get the variable back (below). COMPOSE_KEEP_NODE_EXTRA_CA_CERTS=1
// keeps it for the whole process, for a plugin that makes HTTPS calls of its own.
// Bun runs the TypeScript sources directly; Node runs the bundle that
// `npm run build` makes (dist/cli/main.cjs), compiled through vm.Script with the V8 code cache
// made next to it, so that a short command does not spend its time compiling JavaScript.
// CommonJS, not an ES module: Node starts a CommonJS entry ~5 ms sooner.
'use strict'
if (process.env.COMPOSE_NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS === undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.COMPOSE_NODE_EXTRA_CA_CERTS
}
const { existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs')
const { createRequire } = require('node:module')
const { dirname, join } = require('node:path')
const vm = require('node:vm')

function loadNodeBundle() {
  const file = join(__dirname, '..', 'dist', 'cli', 'main.cjs')
  const cacheFile = `${file}.cache`
  if (!existsSync(file)) {
    process.stderr.write('compose: the JavaScript build is missing; run `npm run build` in the compose package first\n')
    process.exit(1)
  }
  // Most commands live for a fraction of a second, too short for V8's optimizing compilers to
  // pay back: JavaScript stays on the baseline tier (`compose config` of 200 services is ~18%
  // faster), and undici's WebAssembly HTTP parser on Liftoff (its optimizing tier recompiled it
  // on a worker thread for ~35 MB and up to 0.3 s at exit). Long-running or CPU-heavy commands
  // (the server, builds with their context walk, watch) keep every tier and go without the code
  // cache, which V8 made under the short commands' flags (it records them and refuses others).
  const args = process.argv.slice(2)
  const long = args.some((arg) => arg === 'serve' || arg === 'build' || arg === '--build' || arg === 'watch' || arg === '--watch')
  let cachedData
  if (!long) {
    const v8 = require('node:v8')
    v8.setFlagsFromString('--liftoff-only')
    v8.setFlagsFromString('--max-opt=1')
    try {
      cachedData = readFileSync(cacheFile)
    } catch {}
  }
  // ASCII only (the build checks it), so Latin-1 is exact, and cheaper than decoding UTF-8
  const source = readFileSync(file, 'latin1')
  // import() inside a vm.Script has no loader (and vm's own option for one is experimental and
  // lost with a code cache): the few the CLI makes (config files, plugins) go through this one
  const importer = (specifier) => import(specifier)
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __compose_import) {${source}\n})`, {
    filename: file,
    cachedData,
  })
  const mod = { exports: {} }
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file), importer)
  // `npm run build` asks for the cache after warm-up commands (scripts/bundle-cli.mjs); a cache
  // that is missing or was made by another Node/V8 is remade by the next ordinary command, if the
  // package directory is writable (a compile cache only: deleting it changes nothing but speed)
  const stale = !long && (cachedData === undefined || script.cachedDataRejected === true)
  if (process.env.COMPOSE_WRITE_CODE_CACHE === '1' || stale) {
    process.on('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`
      try {
        writeFileSync(tmp, script.createCachedData())
        renameSync(tmp, cacheFile)
      } catch {
        try {
          rmSync(tmp, { force: true })
        } catch {}
      }
    })
  }
  return mod.exports
}

async function start() {
  const { main } = typeof globalThis.Bun !== 'undefined' ? await import('../adapters/cli/main.ts') : loadNodeBundle()
  if (process.env.COMPOSE_WRITE_CODE_CACHE === '1' && process.env.COMPOSE_CODE_CACHE_WARMUP !== undefined) {
    // the build's warm-up: several read-only commands in one process, so that the cache holds the
    // code they compile (their output and exit codes do not matter)
    for (const argv of JSON.parse(process.env.COMPOSE_CODE_CACHE_WARMUP)) await main(argv).catch(() => 1)
    process.exit(0)
  }
  process.exit(await main(process.argv.slice(2)))
}

start()
