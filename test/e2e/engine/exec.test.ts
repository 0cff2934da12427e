import { afterAll, afterEach, expect, it } from 'vitest'
import { createExec, execRun, inspectExec, resizeExec, startExec, startExecAttached, startExecOutput } from '../../../core/engine/index.ts'
import { decodeFrames, describeEngine, eventually, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('exec')
const client = newClient()
let container = ''

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describeEngine('exec', () => {
  const start = async (): Promise<string> => (container = await runBusybox(client, `${prefix}-c`, ['sleep', '300']))

  it('returns exit codes and both output streams', async () => {
    await start()
    expect(await execRun(client, container, ['sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' })
    expect(await execRun(client, container, ['true'])).toEqual({ exitCode: 0, stdout: '', stderr: '' })
    expect(await execRun(client, container, ['pwd'], { workingDir: '/tmp', env: ['A=1'] })).toMatchObject({ stdout: '/tmp\n' })
    expect(await execRun(client, container, ['id', '-u'], { user: 'nobody' })).toMatchObject({ stdout: '65534\n' })
  })

  it('pipes stdin and sends EOF', async () => {
    await start()
    expect(await execRun(client, container, ['sh', '-c', 'cat; echo done >&2'], { stdin: 'piped\nlines\n' })).toEqual({ exitCode: 0, stdout: 'piped\nlines\n', stderr: 'done\n' })
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) yield new TextEncoder().encode(`${i}\n`)
    }
    expect(await execRun(client, container, ['wc', '-l'], { stdin: chunks() })).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\s*100\n$/) })
  })

  it('starts hijacked with stdin and half-close, output-only and detached', async () => {
    await start()
    const catId = await createExec(client, container, { Cmd: ['sh', '-c', 'cat; exit 3'], AttachStdin: true, AttachStdout: true, AttachStderr: true })
    const attached = await startExecAttached(client, catId)
    await attached.write('echo me\n')
    await attached.closeWrite()
    expect(decodeFrames(await all(attached.output))).toEqual({ stdout: 'echo me\n', stderr: '' })
    await eventually(async () => expect(await inspectExec(client, catId)).toMatchObject({ Running: false, ExitCode: 3 }))

    const outId = await createExec(client, container, { Cmd: ['sh', '-c', 'echo plain; exit 4'], AttachStdout: true, AttachStderr: true })
    expect(decodeFrames(await all(await startExecOutput(client, outId)))).toEqual({ stdout: 'plain\n', stderr: '' })

    const bgId = await createExec(client, container, { Cmd: ['sh', '-c', 'sleep 0.2; exit 6'] })
    await startExec(client, bgId)
    await eventually(async () => expect(await inspectExec(client, bgId)).toMatchObject({ Running: false, ExitCode: 6 }))
  })

  it('runs with a TTY and can be resized', async () => {
    await start()
    expect(await execRun(client, container, ['sh', '-c', 'echo a; echo b >&2'], { tty: true })).toEqual({ exitCode: 0, stdout: 'a\r\nb\r\n', stderr: '' })
    const id = await createExec(client, container, { Cmd: ['sleep', '1'], Tty: true, AttachStdout: true })
    const output = await startExecOutput(client, id, { tty: true })
    await resizeExec(client, id, { height: 30, width: 90 })
    await all(output)
  })

  it('maps a missing container to ENGINE_NOT_FOUND and a stopped one to ENGINE_CONFLICT', async () => {
    await expect(execRun(client, `${prefix}-none`, ['true'])).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
    const stopped = await runBusybox(client, `${prefix}-stopped`, ['true'], {}, false)
    await expect(execRun(client, stopped, ['true'])).rejects.toMatchObject({ code: 'ENGINE_CONFLICT' })
  })
})
