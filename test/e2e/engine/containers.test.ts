import { afterAll, afterEach, expect, it } from 'vitest'
import {
  attachContainer,
  attachContainerOutput,
  collectBytes,
  containerChanges,
  containerLogs,
  containerStats,
  containerStatsStream,
  createContainer,
  exportContainer,
  inspectContainer,
  killContainer,
  listContainers,
  pauseContainer,
  getContainerArchive,
  putContainerArchive,
  readTar,
  statContainerPath,
  writeTar,
  removeContainer,
  renameContainer,
  resizeContainer,
  restartContainer,
  startContainer,
  stopContainer,
  topContainer,
  unpauseContainer,
  updateContainer,
  waitContainer,
  type StreamFrame,
} from '../../../core/engine/index.ts'
import { BUSYBOX, decodeFrames, describeEngine, eventually, newClient, runBusybox, sweep, uniquePrefix } from '../helpers.ts'

const prefix = uniquePrefix('ctr')
const client = newClient()
let n = 0
const name = (): string => `${prefix}-${++n}`

afterEach(() => sweep(client, prefix))
afterAll(() => client.close())

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describeEngine('containers', () => {
  it('goes through the lifecycle: create, start, pause, unpause, restart, stop, wait, remove', async () => {
    const id = await runBusybox(client, name(), ['sleep', '300'], { Labels: { [`${prefix}.role`]: 'life' } }, false)
    expect((await inspectContainer(client, id)).State.Status).toBe('created')
    await startContainer(client, id)
    await startContainer(client, id) // already running: 304 is fine
    expect((await inspectContainer(client, id)).State.Running).toBe(true)
    await pauseContainer(client, id)
    expect((await inspectContainer(client, id)).State.Paused).toBe(true)
    await unpauseContainer(client, id)
    const before = (await inspectContainer(client, id)).State.StartedAt
    await restartContainer(client, id, { timeout: 0 })
    expect((await inspectContainer(client, id)).State.StartedAt).not.toBe(before)
    const listed = await listContainers(client, { filters: { label: [`${prefix}.role=life`] } })
    expect(listed.map((c) => c.Id)).toEqual([id])
    await stopContainer(client, id, { timeout: 0 })
    await stopContainer(client, id, { timeout: 0 }) // already stopped: 304 is fine
    expect((await waitContainer(client, id)).StatusCode).toBe(137)
    expect(await listContainers(client, { filters: { label: [`${prefix}.role=life`] } })).toEqual([])
    expect(await listContainers(client, { all: true, filters: { label: [`${prefix}.role=life`] } })).toHaveLength(1)
    await removeContainer(client, id)
    await expect(inspectContainer(client, id)).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
  })

  it('kill sends the given signal; wait reports the exit code', async () => {
    const id = await runBusybox(client, name(), ['sh', '-c', 'trap "exit 42" TERM; while true; do sleep 0.1; done'])
    await eventually(async () => expect((await topContainer(client, id)).Processes.length).toBeGreaterThan(0))
    await killContainer(client, id, { killSignal: 'SIGTERM' })
    expect(await waitContainer(client, id)).toMatchObject({ StatusCode: 42 })
  })

  it('wait with condition next-exit resolves only when the container exits', async () => {
    const id = await runBusybox(client, name(), ['sh', '-c', 'exit 5'], {}, false)
    const waiting = waitContainer(client, id, { condition: 'next-exit' })
    await startContainer(client, id)
    expect((await waiting).StatusCode).toBe(5)
  })

  it('demultiplexes interleaved stdout and stderr in logs', async () => {
    const id = await runBusybox(client, name(), ['sh', '-c', 'for i in 1 2 3; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done'])
    await waitContainer(client, id)
    const frames = await all(await containerLogs(client, id))
    const dec = new TextDecoder()
    expect(frames.map((f) => `${f.stream}:${dec.decode(f.data)}`)).toEqual(['stdout:out1\n', 'stderr:err1\n', 'stdout:out2\n', 'stderr:err2\n', 'stdout:out3\n', 'stderr:err3\n'])
    expect(decodeFrames(await all(await containerLogs(client, id, { stderr: false, tail: 2 })))).toEqual({ stdout: 'out3\n', stderr: '' })
    const stamped = decodeFrames(await all(await containerLogs(client, id, { timestamps: true, stdout: false })))
    expect(stamped.stderr).toMatch(/^\d{4}-\d\d-\d\dT[^ ]+ err1\n/)
  })

  it('gives raw TTY logs as stdout, and follows logs until the signal aborts', async () => {
    const tty = await runBusybox(client, name(), ['sh', '-c', 'echo tty-out; echo tty-err >&2'], { Tty: true })
    await waitContainer(client, tty)
    expect(decodeFrames(await all(await containerLogs(client, tty))).stdout).toBe('tty-out\r\ntty-err\r\n')

    const id = await runBusybox(client, name(), ['sh', '-c', 'while true; do echo tick; sleep 0.1; done'])
    const controller = new AbortController()
    const seen: StreamFrame[] = []
    for await (const frame of await containerLogs(client, id, { follow: true, signal: controller.signal })) {
      seen.push(frame)
      if (seen.length === 3) controller.abort()
    }
    expect(seen).toHaveLength(3)
  })

  it('attaches with stdin: cat echoes, half-close gives EOF, exit code 0', async () => {
    const id = await runBusybox(client, name(), ['cat'], { OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true }, false)
    const attached = await attachContainer(client, id)
    await startContainer(client, id)
    const output = all(attached.output)
    await attached.write('hello\n')
    await attached.write(new TextEncoder().encode('world\n'))
    await attached.closeWrite()
    expect(decodeFrames(await output)).toEqual({ stdout: 'hello\nworld\n', stderr: '' })
    expect((await waitContainer(client, id)).StatusCode).toBe(0)
  })

  it('attaches to the output only, with a plain request', async () => {
    const id = await runBusybox(client, name(), ['sh', '-c', 'sleep 0.3; echo attached; echo oops >&2'], {}, false)
    const output = await attachContainerOutput(client, id)
    await startContainer(client, id)
    expect(decodeFrames(await all(output))).toEqual({ stdout: 'attached\n', stderr: 'oops\n' })
  })

  it('tops, renames, updates, resizes and reports changes', async () => {
    const first = name()
    const id = await runBusybox(client, first, ['sh', '-c', 'touch /created-here; sleep 300'], { Tty: true })
    const top = await eventually(async () => {
      const t = await topContainer(client, id, { psArgs: '-o pid,comm' })
      expect(t.Processes.some((p) => p.includes('sleep'))).toBe(true)
      return t
    })
    expect(top.Titles).toEqual(['PID', 'COMMAND'])
    const renamed = `${first}-renamed`
    await renameContainer(client, id, renamed)
    expect((await inspectContainer(client, renamed)).Id).toBe(id)
    await updateContainer(client, id, { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } })
    expect((await inspectContainer(client, id)).HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 })
    await resizeContainer(client, id, { height: 40, width: 100 })
    expect(await containerChanges(client, id)).toContainEqual({ Path: '/created-here', Kind: 1 })
  })

  it('reports stats once and as a stream', async () => {
    const id = await runBusybox(client, name(), ['sleep', '300'])
    const one = await containerStats(client, id, { oneShot: true })
    expect(one.pids_stats.current).toBeGreaterThan(0)
    const controller = new AbortController()
    let samples = 0
    for await (const s of await containerStatsStream(client, id, { signal: controller.signal })) {
      expect(typeof s.read).toBe('string')
      if (++samples === 2) controller.abort()
    }
    expect(samples).toBe(2)
  })

  it('exports the file system as a tar stream', async () => {
    const id = await runBusybox(client, name(), ['true'], {}, false)
    const names: string[] = []
    for await (const entry of readTar(await exportContainer(client, id))) names.push(entry.name)
    expect(names).toContain('bin/busybox')
  })

  it('round-trips files through archive put and get, and stats paths', async () => {
    const id = await runBusybox(client, name(), ['sleep', '300'])
    const big = 'z'.repeat(70_000)
    async function* streamed(): AsyncGenerator<Uint8Array> {
      const bytes = new TextEncoder().encode(big)
      for (let at = 0; at < bytes.length; at += 10_000) yield bytes.subarray(at, at + 10_000)
    }
    const longName = `${'n'.repeat(120)}.txt`
    const tar = writeTar([
      { type: 'directory', name: 'data', mode: 0o750 },
      { type: 'file', name: 'data/hello.txt', content: 'hello\n', mode: 0o640 },
      { type: 'file', name: 'data/big.bin', content: streamed(), size: big.length },
      { type: 'file', name: `data/${longName}`, content: 'long' },
      { type: 'symlink', name: 'data/link', target: 'hello.txt' },
    ])
    await putContainerArchive(client, id, '/tmp', tar)
    const stat = await statContainerPath(client, id, '/tmp/data/hello.txt')
    expect(stat).toMatchObject({ name: 'hello.txt', size: 6 })
    expect(stat.mode & 0o777).toBe(0o640)
    await expect(statContainerPath(client, id, '/tmp/nope')).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })

    const archive = await getContainerArchive(client, id, '/tmp/data')
    expect(archive.stat?.name).toBe('data')
    const got: Record<string, string> = {}
    const dec = new TextDecoder()
    for await (const entry of readTar(archive.tar)) {
      const key = `${entry.type}:${entry.name}`
      got[key] = entry.type === 'symlink' ? entry.linkname : dec.decode(await collectBytes(entry.content))
    }
    expect(got).toEqual({
      'directory:data/': '',
      'file:data/hello.txt': 'hello\n',
      'file:data/big.bin': big,
      [`file:data/${longName}`]: 'long',
      'symlink:data/link': 'hello.txt',
    })
    await expect(putContainerArchive(client, id, '/does/not/exist', writeTar([]))).rejects.toMatchObject({ code: 'ENGINE_NOT_FOUND' })
  })

  it('maps 404 to ENGINE_NOT_FOUND and 409 to ENGINE_CONFLICT', async () => {
    await expect(inspectContainer(client, `${prefix}-missing`)).rejects.toMatchObject({
      code: 'ENGINE_NOT_FOUND',
      status: 404,
      message: expect.stringContaining(`container "${prefix}-missing"`),
    })
    const dup = name()
    const id = await runBusybox(client, dup, ['sleep', '300'])
    await expect(createContainer(client, { Image: BUSYBOX }, { name: dup })).rejects.toMatchObject({ code: 'ENGINE_CONFLICT', status: 409 })
    await expect(removeContainer(client, id)).rejects.toMatchObject({ code: 'ENGINE_CONFLICT' })
  })
})
