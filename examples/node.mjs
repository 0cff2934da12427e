// The library on plain Node 20+: up → ps → logs → exec → down on examples/hello, importing the
// built package (`npm run build` first). Run from anywhere: `node examples/node.mjs`.
// WEB_PORT picks the host port of the web page (default 18080).
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createCompose, isComposeError } from '../dist/adapters/lib/index.js'

const file = fileURLToPath(new URL('./hello/compose.yaml', import.meta.url))
const projectName = `hello-node-${randomBytes(3).toString('hex')}`
const say = (line) => process.stdout.write(`${line}\n`)

// Progress and warnings of every call arrive here (the library never prints).
const compose = createCompose({
  env: { ...process.env, GREETING_FROM: 'node' },
  emit: (event) => {
    if (event.type === 'warning') process.stderr.write(`warning: ${event.message}\n`)
  },
})
const project = await compose.project({ files: [file], projectName })
const deadline = AbortSignal.timeout(180_000)

try {
  const steps = []
  await project.up({ wait: true, waitTimeout: 120, signal: deadline, emit: (e) => e.type === 'progress' && steps.push(`${e.id} ${e.status}`) })
  say(`up: ${project.name} (${steps.length} progress events)`)

  const containers = await project.ps({ signal: deadline })
  say(`ps: ${containers.map((c) => `${c.Service} ${c.State}${c.Health === '' ? '' : ` (${c.Health})`}`).sort().join(', ')}`)

  // Follow the probe's output until it has fetched the page, then stop following.
  const following = new AbortController()
  const stop = AbortSignal.any([following.signal, deadline])
  for await (const entry of await project.logs({ services: ['probe'], follow: true, signal: stop })) {
    if (entry.line.startsWith('hello from')) {
      say(`logs: ${entry.container} | ${entry.line}`)
      following.abort()
    }
  }

  let output = ''
  const decoder = new TextDecoder()
  const { exitCode } = await project.exec({
    service: 'web',
    command: ['cat', '/www/index.html'],
    io: { stdout: (chunk) => void (output += decoder.decode(chunk)), stderr: (chunk) => process.stderr.write(chunk) },
    signal: deadline,
  })
  say(`exec: ${output.trim()} (exit ${exitCode})`)
} catch (error) {
  // Errors are ComposeErrors with a stable code, like the CLI prints them.
  process.stderr.write(isComposeError(error) ? `error ${error.code}: ${error.message}\n` : `${error}\n`)
  process.exitCode = 1
} finally {
  await project.down({ timeout: 0 })
  say(`down: ${(await project.ps({ all: true })).length} containers left`)
  await project.close()
}
