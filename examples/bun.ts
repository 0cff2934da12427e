// The library on Bun, which runs the TypeScript sources: up → ps → logs → exec → down on
// examples/hello. `bun run examples/bun.ts`; WEB_PORT picks the host port (default 18080).
import { createCompose, isComposeError, type ComposeEvent } from '../adapters/lib/index.ts'

const file = new URL('./hello/compose.yaml', import.meta.url).pathname
const projectName = `hello-bun-${crypto.randomUUID().slice(0, 6)}`
const say = (line: string): void => void process.stdout.write(`${line}\n`)

const compose = createCompose({
  env: { ...Bun.env, GREETING_FROM: 'bun' },
  emit: (event: ComposeEvent) => {
    if (event.type === 'warning') process.stderr.write(`warning: ${event.message}\n`)
  },
})
const project = await compose.project({ files: [file], projectName })
const deadline = AbortSignal.timeout(180_000)

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
    io: { stdout: (chunk) => void (output += decoder.decode(chunk)), stderr: (chunk) => void process.stderr.write(chunk) },
    signal: deadline,
  })
  say(`exec: ${output.trim()} (exit ${exitCode})`)
} catch (error) {
  process.stderr.write(isComposeError(error) ? `error ${error.code}: ${error.message}\n` : `${String(error)}\n`)
  process.exitCode = 1
} finally {
  await project.down({ timeout: 0 })
  say(`down: ${(await project.ps({ all: true })).length} containers left`)
  await project.close()
}
