/**
 * The engine client's smoke checks, runtime-agnostic: the Bun and Deno suites (and Node's, via
 * vitest) run the same operations with the same assertions against the real engine.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict'
import { isComposeError } from '../../../core/errors.ts'
import {
  attachContainer,
  buildImage,
  collectOutput,
  containerLogs,
  createContainer,
  EngineClient,
  execRun,
  inspectContainer,
  ping,
  removeContainer,
  removeImage,
  startContainer,
  streamEvents,
  waitContainer,
  writeTar,
} from '../../../core/engine/index.ts'

export interface SmokeCheck {
  name: string
  run(): Promise<void>
}

const IMAGE = 'busybox:latest'

export function engineSmokeChecks(env: Readonly<Record<string, string | undefined>>, runtime: string): SmokeCheck[] {
  const prefix = `smoke-${runtime}-${Math.random().toString(36).slice(2, 8)}`
  const withClient = async (fn: (c: EngineClient) => Promise<void>): Promise<void> => {
    const client = new EngineClient({ env })
    try {
      await fn(client)
    } finally {
      await client.close()
    }
  }
  const container = async (c: EngineClient, name: string, cmd: string[], extra: Record<string, unknown> = {}): Promise<string> => {
    const { Id } = await createContainer(c, { Image: IMAGE, Cmd: cmd, ...extra }, { name: `${prefix}-${name}` })
    return Id
  }
  const remove = (c: EngineClient, id: string): Promise<void> => removeContainer(c, id, { force: true }).catch(() => undefined)

  return [
    {
      name: 'ping negotiates the API version',
      run: () =>
        withClient(async (c) => {
          const p = await ping(c)
          ok(p.apiVersion !== undefined && /^1\.\d+$/.test(p.apiVersion))
          ok(/^1\.\d+$/.test(await c.apiVersion()))
        }),
    },
    {
      name: 'create, start, wait and remove a container; logs are demultiplexed',
      run: () =>
        withClient(async (c) => {
          const id = await container(c, 'logs', ['sh', '-c', 'echo out1; echo err1 >&2; echo out2'])
          try {
            await startContainer(c, id)
            deepStrictEqual(await waitContainer(c, id), { StatusCode: 0 })
            const frames = await collectOutput(await containerLogs(c, id))
            strictEqual(frames.stdout, 'out1\nout2\n')
            strictEqual(frames.stderr, 'err1\n')
          } finally {
            await remove(c, id)
          }
        }),
    },
    {
      name: 'attach with stdin echoes through cat and ends on half-close',
      run: () =>
        withClient(async (c) => {
          const id = await container(c, 'attach', ['cat'], { OpenStdin: true, StdinOnce: true, AttachStdin: true })
          try {
            const stream = await attachContainer(c, id, { stdin: true, stdout: true, stderr: true })
            await startContainer(c, id)
            await stream.write('hello from stdin\n')
            await stream.closeWrite()
            strictEqual((await collectOutput(stream.output)).stdout, 'hello from stdin\n')
            strictEqual((await waitContainer(c, id)).StatusCode, 0)
          } finally {
            await remove(c, id)
          }
        }),
    },
    {
      name: 'exec returns the exit code, and pipes stdin with EOF',
      run: () =>
        withClient(async (c) => {
          const id = await container(c, 'exec', ['sleep', '30'])
          try {
            await startContainer(c, id)
            const failed = await execRun(c, id, ['sh', '-c', 'echo oops >&2; exit 3'])
            deepStrictEqual([failed.exitCode, failed.stderr], [3, 'oops\n'])
            const echoed = await execRun(c, id, ['cat'], { stdin: 'piped\n' })
            deepStrictEqual([echoed.exitCode, echoed.stdout], [0, 'piped\n'])
          } finally {
            await remove(c, id)
          }
        }),
    },
    {
      name: 'the events stream delivers and ends on abort',
      run: () =>
        withClient(async (c) => {
          const controller = new AbortController()
          const events = await streamEvents(c, { signal: controller.signal, filters: { type: ['container'], container: [`${prefix}-events`] } })
          const id = await container(c, 'events', ['true'])
          const seen: string[] = []
          try {
            await startContainer(c, id)
            for await (const e of events) {
              seen.push(e.Action)
              if (e.Action === 'die') controller.abort()
            }
          } finally {
            await remove(c, id)
          }
          ok(seen.includes('create') && seen.includes('start') && seen.includes('die'), seen.join(','))
          await ping(c) // the client still works after the abort
        }),
    },
    {
      name: 'build from a streamed tar context',
      run: () =>
        withClient(async (c) => {
          const tag = `${prefix}-built:latest`
          const context = writeTar([
            { type: 'file', name: 'Dockerfile', content: `FROM ${IMAGE}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt > /x\n` },
            { type: 'file', name: 'hello.txt', content: 'hi from the context\n' },
          ])
          await buildImage(c, context, { tags: [tag] })
          const id = await container(c, 'built', ['cat', '/x'], { Image: tag })
          try {
            await startContainer(c, id)
            await waitContainer(c, id)
            strictEqual((await collectOutput(await containerLogs(c, id))).stdout, 'hi from the context\n')
          } finally {
            await remove(c, id)
            await removeImage(c, tag, { force: true }).catch(() => undefined)
          }
        }),
    },
    {
      name: '404 maps to ENGINE_NOT_FOUND and 409 to ENGINE_CONFLICT',
      run: () =>
        withClient(async (c) => {
          const missing = await inspectContainer(c, `${prefix}-missing`).catch((e: unknown) => e)
          ok(isComposeError(missing, 'ENGINE_NOT_FOUND'), String(missing))
          const id = await container(c, 'conflict', ['true'])
          try {
            const dup = await container(c, 'conflict', ['true']).catch((e: unknown) => e)
            ok(isComposeError(dup, 'ENGINE_CONFLICT'), String(dup))
          } finally {
            await remove(c, id)
          }
        }),
    },
    {
      name: 'an unreachable daemon is named with a hint',
      run: async () => {
        const c = new EngineClient({ env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } })
        const error = await ping(c).catch((e: unknown) => e)
        await c.close()
        ok(isComposeError(error, 'ENGINE_UNREACHABLE'), String(error))
        ok(error.message.includes('unix:///nonexistent/docker.sock'))
        ok(error.hint !== undefined)
      },
    },
  ]
}
