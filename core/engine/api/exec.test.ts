import { describe, expect, it } from 'vitest'
import { EngineClient } from '../client.ts'
import { encodeFrame } from '../demux.ts'
import { FakeTransport } from '../_fake-transport.ts'
import { execRun } from './exec.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

describe('execRun (fake engine)', () => {
  it('polls inspect until the process is no longer running, then returns its exit code and output', async () => {
    let inspections = 0
    const transport = new FakeTransport((req) => {
      if (req.path.endsWith('/exec')) return { status: 201, body: { Id: 'e1' } }
      if (req.path.endsWith('/start')) return { body: [encodeFrame('stdout', enc.encode('o')), encodeFrame('stderr', enc.encode('e'))] }
      inspections++
      return { body: inspections < 3 ? { Running: true, ExitCode: null } : { Running: false, ExitCode: 3 } }
    })
    const client = new EngineClient({ transport, apiVersion: '1.41' })
    expect(await execRun(client, 'c1', ['sh', '-c', 'exit 3'], { pollInterval: 1, user: 'nobody' })).toEqual({ exitCode: 3, stdout: 'o', stderr: 'e' })
    expect(inspections).toBe(3)
    expect(JSON.parse(dec.decode(transport.requests[0]?.bodyBytes))).toEqual({ Cmd: ['sh', '-c', 'exit 3'], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, User: 'nobody' })
    expect(JSON.parse(dec.decode(transport.requests[1]?.bodyBytes))).toEqual({ Detach: false, Tty: false })
  })

  it('stops polling when the signal aborts', async () => {
    const transport = new FakeTransport((req) => {
      if (req.path.endsWith('/exec')) return { status: 201, body: { Id: 'e1' } }
      if (req.path.endsWith('/start')) return { body: [] }
      return { body: { Running: true, ExitCode: null } }
    })
    const client = new EngineClient({ transport, apiVersion: '1.41' })
    const controller = new AbortController()
    const run = execRun(client, 'c1', ['sleep', '1'], { signal: controller.signal, pollInterval: 5 })
    setTimeout(() => controller.abort(new Error('stop')), 30)
    await expect(run).rejects.toThrow('stop')
  })
})
