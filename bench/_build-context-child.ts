/**
 * Child process of the build-context bench: streams one context (./build-context.ts) and prints
 * `{bytes, ms, baselineRssKb, peakRssKb}` as JSON. A process of its own, so that the peak RSS
 * is that of streaming alone, not of generating the files.
 */
import process from 'node:process'
import { prepareContext } from '../core/build/context.ts'
import { buildImage } from '../core/engine/api/image-build.ts'
import { EngineClient } from '../core/engine/client.ts'

const [dir, mode] = process.argv.slice(2)
if (dir === undefined || (mode !== 'sink' && mode !== 'engine')) {
  process.stderr.write('usage: _build-context-child <dir> sink|engine\n')
  process.exit(2)
}
const baselineRssKb = Math.round(process.memoryUsage().rss / 1024)
const started = performance.now()
const chunk = Number(process.env.COMPOSE_BENCH_CHUNK ?? '') || undefined
const ctx = await prepareContext({ context: dir, dockerfile: 'Dockerfile' }, chunk === undefined ? {} : { chunkSize: chunk })
let bytes = 0
async function* counted(): AsyncGenerator<Uint8Array> {
  for await (const chunk of ctx.tar as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength
    yield chunk
  }
}
if (mode === 'sink') {
  for await (const _ of counted()) {
    // discard
  }
} else {
  const client = new EngineClient({ env: process.env })
  // FROM busybox only: the engine receives and unpacks the whole context, the result is busybox
  await buildImage(client, counted(), { dockerfile: ctx.dockerfile })
  await client.close()
}
const ms = performance.now() - started
process.stdout.write(`${JSON.stringify({ bytes, ms, baselineRssKb, peakRssKb: process.resourceUsage().maxRSS })}\n`)
