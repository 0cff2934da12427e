import { describe, expect, it } from 'vitest'
import type { CliIo, Writer } from '../io.ts'
import { colorize, createLogPrinter, nanoTimestamp, RAINBOW } from './log-printer.ts'

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  const writer = (into: string[]): Writer => ({ write: (t) => void into.push(t), isTTY: false, columns: 80 })
  const io: CliIo = { stdout: writer(out), stderr: writer(err), stdin: Object.assign((async function* () {})(), { isTTY: false }), env: {}, cwd: '/', home: '/', color: false }
  return { io, out, err }
}

const line = (container: string, text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ container, service: container.replace(/-\d+$/, ''), stream, line: text })

describe('createLogPrinter', () => {
  it('pads the prefix to the longest name plus one, as docker compose does', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: false, timestamps: false })
    p.register('web-1')
    p.register('database-1')
    p.write(line('web-1', 'hello'))
    p.write(line('database-1', 'ready'))
    expect(out).toEqual(['web-1       | hello\n', 'database-1  | ready\n'])
  })

  it('a single container gets `name  | `', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: false, timestamps: false })
    p.write(line('service-1', 'x'))
    expect(out).toEqual(['service-1  | x\n'])
  })

  it('widens every prefix when a longer name registers later', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: false, timestamps: false })
    p.write(line('a-1', 'one'))
    p.write(line('longer-1', 'two'))
    p.write(line('a-1', 'three'))
    expect(out).toEqual(['a-1  | one\n', 'longer-1  | two\n', 'a-1       | three\n'])
  })

  it('prints no prefix with --no-log-prefix', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: false, color: true, timestamps: false })
    p.write(line('web-1', 'plain'))
    expect(out).toEqual(['plain\n'])
  })

  it('colours each container in the rainbow order, only when colour is on', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: true, timestamps: false })
    const names = Array.from({ length: 12 }, (_, i) => `s${i}-1`)
    names.forEach((n) => p.register(n))
    names.forEach((n) => p.write(line(n, 'x')))
    expect(out[0]).toBe(`${colorize('36', 's0-1   | ')}x\n`)
    expect(out[1]).toBe(`${colorize('33', 's1-1   | ')}x\n`)
    expect(out[5]).toBe(`${colorize('36;1', 's5-1   | ')}x\n`)
    expect(out[10]).toBe(`${colorize(RAINBOW[0], 's10-1  | ')}x\n`)
    const { io: io2, out: out2 } = capture()
    createLogPrinter(io2, { prefix: true, color: false, timestamps: false }).write(line('web-1', 'x'))
    expect(out2.join('')).not.toContain('\u001b[')
  })

  it('sends stderr lines to stderr', () => {
    const { io, out, err } = capture()
    const p = createLogPrinter(io, { prefix: true, color: false, timestamps: false })
    p.write(line('web-1', 'oops', 'stderr'))
    expect(out).toEqual([])
    expect(err).toEqual(['web-1  | oops\n'])
  })

  it('prints the engine timestamp, or the current time, after the prefix', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: false, timestamps: true })
    p.write({ ...line('web-1', 'x'), timestamp: '2024-01-02T03:04:05.123456789Z' })
    p.write(line('web-1', 'y'))
    expect(out[0]).toBe('web-1  | 2024-01-02T03:04:05.123456789Z x\n')
    expect(out[1]).toMatch(/^web-1 {2}\| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z y\n$/)
    expect(nanoTimestamp(new Date('2024-01-02T03:04:05.120Z'))).toBe('2024-01-02T03:04:05.120000000Z')
  })

  it('prints status lines in the container colour and nothing after close()', () => {
    const { io, out } = capture()
    const p = createLogPrinter(io, { prefix: true, color: true, timestamps: false })
    p.status('web-1', 'exited with code 0')
    p.close()
    p.write(line('web-1', 'late'))
    expect(out).toEqual([`${colorize('36', 'web-1 exited with code 0')}\n`])
  })
})
