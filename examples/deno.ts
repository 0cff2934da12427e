// The library on Deno, imported through deno.json's import map (`compose` → the sources):
// up → ps → logs → exec → down on examples/hello. From the repository root:
// `deno run -A examples/deno.ts`; WEB_PORT picks the host port (default 18080).
import { createCompose, isComposeError, type ComposeEvent } from 'compose'

const file = new URL('./hello/compose.yaml', import.meta.url).pathname
const projectName = `hello-deno-${crypto.randomUUID().slice(0, 6)}`
const encoder = new TextEncoder()
const say = (line: string): void => void Deno.stdout.writeSync(encoder.encode(`${line}\n`))
const warn = (line: string): void => void Deno.stderr.writeSync(encoder.encode(`${line}\n`))

const compose = createCompose({
  env: { ...Deno.env.toObject(), GREETING_FROM: 'deno' },
  emit: (event: ComposeEvent) => {
    if (event.type === 'warning') warn(`warning: ${event.message}`)
  },
})
const project = await compose.project({ files: [file], projectName })
const deadline = AbortSignal.timeout(180_000)
let failed = false

try {
  const steps: string[] = []
  await project.up({ wait: true, waitTimeout: 120, signal: deadline, emit: (e) => void (e.type === 'progress' && steps.push(`${e.id} ${e.status}`)) })
  say(`up: ${project.name} (${steps.length} progress events)`)

  const containers = await project.ps({ signal: deadline })
  say(`ps: ${containers.map((c) => `${c.Service} ${c.State}${c.Health === '' ? '' : ` (${c.Health})`}`).sort().join(', ')}`)

  const following = new AbortController()
  for await (const entry of await project.logs({ services: ['probe'], follow: true, signal: AbortSignal.any([following.signal, deadline]) })) {
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
    io: { stdout: (chunk) => void (output += decoder.decode(chunk)), stderr: (chunk) => void Deno.stderr.writeSync(chunk) },
    signal: deadline,
  })
  say(`exec: ${output.trim()} (exit ${exitCode})`)
} catch (error) {
  warn(isComposeError(error) ? `error ${error.code}: ${error.message}` : String(error))
  failed = true
} finally {
  await project.down({ timeout: 0 })
  say(`down: ${(await project.ps({ all: true })).length} containers left`)
  await project.close()
}
if (failed) Deno.exit(1)
