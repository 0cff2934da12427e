/** A hijacked attach/exec connection with its output already split into stdout/stderr frames. */
import type { StreamFrame } from '../demux.ts'
import type { HijackedStream } from '../transport.ts'
import { frames } from './_shared.ts'

export interface AttachedStream {
  /** What the process writes: frames, or raw stdout with a TTY. Ends when the process closes it. */
  readonly output: AsyncIterable<StreamFrame>
  /** Writes to the process's stdin. */
  write(chunk: Uint8Array | string): Promise<void>
  /** Half-close: the process sees EOF on stdin; output keeps flowing until it ends. */
  closeWrite(): Promise<void>
  /** Closes both directions (output ends). */
  close(): void
}

export function toAttached(stream: HijackedStream, tty: boolean): AttachedStream {
  return {
    output: frames(stream.output, tty),
    write: (chunk) => stream.write(chunk),
    closeWrite: () => stream.closeWrite(),
    close: () => stream.close(),
  }
}

/** Collects frames into stdout and stderr text. */
export async function collectOutput(output: AsyncIterable<StreamFrame>): Promise<{ stdout: string; stderr: string }> {
  const out = new TextDecoder()
  const err = new TextDecoder()
  let stdout = ''
  let stderr = ''
  for await (const frame of output) {
    if (frame.stream === 'stderr') stderr += err.decode(frame.data, { stream: true })
    else stdout += out.decode(frame.data, { stream: true })
  }
  return { stdout: stdout + out.decode(), stderr: stderr + err.decode() }
}
