/**
 * `exec`: runs a command in a running service container (docker/compose pkg/compose/exec.go).
 * With a TTY the output is raw and the remote terminal follows the caller's size; without, stdout
 * and stderr stay apart. Stdin is piped through and its end reaches the process as EOF. The
 * command's exit code is the result.
 */
import { createExec, inspectExec, resizeExec, startExec, startExecAttached, startExecOutput } from '../engine/api/exec.ts'
import { sleep } from '../engine/api/_shared.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { followSize, pumpOutput, pumpStdin, type InteractiveIo } from './_interactive.ts'
import { serviceContainer } from './_target.ts'
import { resolveEnvList } from './_env.ts'

export interface ExecOptions {
  service: string
  command: string[]
  /** `--index` (default: the first container). */
  index?: number
  /** `-d`: start the command and return at once. */
  detach?: boolean
  /** Allocate a TTY (the CLI: stdin is a terminal and no `-T`). */
  tty?: boolean
  /** Attach stdin (default true; the hidden `-i`). */
  interactive?: boolean
  user?: string
  workdir?: string
  /** `-e KEY=VAL`, or `KEY` taken from the project environment. */
  env?: string[]
  privileged?: boolean
  /** The caller's streams; required unless `detach`. */
  io?: InteractiveIo
}

export interface ExecOutcome {
  exitCode: number
  container: string
  exec: string
}

export async function exec(client: EngineClient, project: Project, options: ExecOptions, ctx: RunContext = {}): Promise<ExecOutcome> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const target = await serviceContainer(client, project.name, options.service, { ...(options.index === undefined ? {} : { index: options.index }), oneOff: 'include', ...sig })
  const tty = options.tty === true
  const attach = options.detach !== true
  const withStdin = attach && options.interactive !== false && options.io?.stdin !== undefined
  const env = resolveEnvList(options.env ?? [], project.environment ?? {})
  const id = await createExec(
    client,
    target.id,
    {
      Cmd: options.command,
      AttachStdin: withStdin,
      AttachStdout: attach,
      AttachStderr: attach,
      Tty: tty,
      ...(env.length === 0 ? {} : { Env: env }),
      ...(options.user === undefined ? {} : { User: options.user }),
      ...(options.workdir === undefined ? {} : { WorkingDir: options.workdir }),
      ...(options.privileged === true ? { Privileged: true } : {}),
    },
    sig,
  )
  if (!attach) {
    await startExec(client, id, { tty, ...sig })
    return { exitCode: 0, container: target.id, exec: id }
  }
  const io = options.io ?? { stdout: () => {}, stderr: () => {} }
  let unfollow = (): void => {}
  if (withStdin) {
    const attached = await startExecAttached(client, id, { tty, ...sig })
    if (tty) unfollow = followSize(io, (size) => resizeExec(client, id, { height: size.rows, width: size.columns }))
    const input = pumpStdin(attached, io.stdin, { closeOnEof: true })
    try {
      await pumpOutput(attached.output, io)
    } finally {
      input.stop()
      unfollow()
      attached.close()
    }
  } else {
    const output = await startExecOutput(client, id, { tty, ...sig })
    if (tty) unfollow = followSize(io, (size) => resizeExec(client, id, { height: size.rows, width: size.columns }))
    try {
      await pumpOutput(output, io)
    } finally {
      unfollow()
    }
  }
  return { exitCode: await exitCodeOf(client, id, ctx.signal), container: target.id, exec: id }
}

/** The exec's exit code; the engine may report it running for a moment after the output ended. */
export async function exitCodeOf(client: EngineClient, id: string, signal: AbortSignal | undefined): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const info = await inspectExec(client, id, signal ? { signal } : {})
    if (!info.Running && info.ExitCode !== null) return info.ExitCode
    if (attempt > 600) return info.ExitCode ?? 1
    await sleep(attempt < 10 ? 5 : 50, signal)
  }
}
