/**
 * Smoke checks of the interactive commands through the library API (createCompose), the same
 * on Node, Bun and Deno: `exec` with piped stdin (EOF passed on, exit code back) and `run --rm`
 * (exit code back, nothing left behind).
 */
import { deepStrictEqual, strictEqual } from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCompose, type InteractiveIo } from '../../../adapters/lib/index.ts'
import { listContainers } from '../../../core/engine/index.ts'
import type { SmokeCheck } from './engine-smoke.ts'

const YAML = 'services:\n  app:\n    image: busybox:latest\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n'

function capture(stdin?: string): { io: InteractiveIo; out: () => string } {
  const chunks: Uint8Array[] = []
  const encoder = new TextEncoder()
  const io: InteractiveIo = {
    ...(stdin === undefined
      ? {}
      : {
          stdin: (async function* () {
            yield encoder.encode(stdin)
          })(),
        }),
    stdout: (c) => void chunks.push(c),
    stderr: (c) => void chunks.push(c),
  }
  return { io, out: () => chunks.map((c) => new TextDecoder().decode(c)).join('') }
}

export function interactiveSmokeChecks(env: Readonly<Record<string, string | undefined>>, runtime: string): SmokeCheck[] {
  const withProject = async (fn: (project: Awaited<ReturnType<ReturnType<typeof createCompose>['project']>>, name: string) => Promise<void>): Promise<void> => {
    const name = `smoke-i-${runtime}-${Math.random().toString(36).slice(2, 8)}`
    const dir = mkdtempSync(join(tmpdir(), `${name}-`))
    writeFileSync(join(dir, 'compose.yaml'), YAML)
    const project = await createCompose({ cwd: dir, env, configFile: false }).project({ projectName: name })
    try {
      await fn(project, name)
    } finally {
      await project.down({ timeout: 1 }).catch(() => undefined)
      await project.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return [
    {
      name: `${runtime}: exec with piped stdin returns what cat echoed and the exit code`,
      run: () =>
        withProject(async (project) => {
          await project.up()
          const { io, out } = capture('piped through\n')
          const result = await project.exec({ service: 'app', command: ['sh', '-c', 'cat; exit 4'], io })
          strictEqual(out(), 'piped through\n')
          strictEqual(result.exitCode, 4)
        }),
    },
    {
      name: `${runtime}: run --rm passes the exit code and leaves nothing behind`,
      run: () =>
        withProject(async (project, name) => {
          const { io, out } = capture('in\n')
          const result = await project.run({ service: 'app', command: ['sh', '-c', 'cat; echo out; exit 3'], rm: true, io })
          strictEqual(result.exitCode, 3)
          strictEqual(out(), 'in\nout\n')
          const left = await listContainers(project.client, { all: true, filters: { label: [`com.docker.compose.project=${name}`] } })
          deepStrictEqual(left, [])
        }),
    },
  ]
}
