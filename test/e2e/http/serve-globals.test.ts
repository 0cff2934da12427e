/**
 * Node: the library's server leaves the process's `Request` and `Response` alone unless asked;
 * `nodeServerGlobals` (what `compose serve` passes) puts @hono/node-server's in their place and
 * the server still answers. In a child process of its own (the swap cannot be undone), on the
 * build (`npm run build`).
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { REPO } from '../cli-runtime.ts'

const script = `
import { serve } from ${JSON.stringify(`${REPO}dist/adapters/http/serve.js`)}
const original = globalThis.Response
const binding = { kind: 'tcp', host: '127.0.0.1', port: 0 }
const answer = () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } })
const plain = await serve(answer, binding)
const first = await (await fetch('http://127.0.0.1:' + plain.binding.port + '/')).json()
const kept = globalThis.Response === original
await plain.close()
const swapped = await serve(answer, binding, { nodeServerGlobals: true })
const second = await (await fetch('http://127.0.0.1:' + swapped.binding.port + '/')).json()
const replaced = globalThis.Response !== original
await swapped.close()
process.stdout.write(JSON.stringify({ first, kept, second, replaced }))
`

describe('the HTTP server and the process globals (Node)', () => {
  it('keeps Request/Response unless nodeServerGlobals is asked for, and answers either way', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 })
    expect(JSON.parse(out)).toEqual({ first: { ok: true }, kept: true, second: { ok: true }, replaced: true })
  })
})
