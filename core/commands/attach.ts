/**
 * `attach`: the caller's streams to a running service container's main process
 * (docker/compose pkg/compose/attach.go). Stdin goes in unless `noStdin`; the engine detaches on
 * the detach keys (default ctrl-p,ctrl-q). Returns the exit code once the container stopped, or
 * `detached: true` when the caller detached and it still runs.
 */
import { attachContainer, attachContainerOutput, inspectContainer, killContainer, resizeContainer } from '../engine/api/containers.ts'
import type { EngineClient } from '../engine/client.ts'
import type { Project } from '../model/project.ts'
import type { RunContext } from '../converge/run-context.ts'
import { followSize, pumpOutput, pumpStdin, type InteractiveIo } from './_interactive.ts'
import { serviceContainer } from './_target.ts'

export interface AttachOptions {
  service: string
  /** `--index` */
  index?: number
  /** `--no-stdin` */
  noStdin?: boolean
  /** `--sig-proxy` (default true): forward the caller's signals to the process. */
  sigProxy?: boolean
  /** `--detach-keys`, e.g. `ctrl-p,ctrl-q`. */
  detachKeys?: string
  io: InteractiveIo
}

export interface AttachOutcome {
  container: string
  /** The process's exit code, when it ended. */
  exitCode?: number
  /** The caller detached (detach keys or end of its input on a TTY) and the container still runs. */
  detached: boolean
}

export async function attach(client: EngineClient, project: Project, options: AttachOptions, ctx: RunContext = {}): Promise<AttachOutcome> {
  const sig = ctx.signal ? { signal: ctx.signal } : {}
  const target = await serviceContainer(client, project.name, options.service, { ...(options.index === undefined ? {} : { index: options.index }), oneOff: 'include', ...sig })
  const info = await inspectContainer(client, target.id, sig)
  const tty = info.Config.Tty === true
  const io = options.io
  const withStdin = options.noStdin !== true && info.Config.OpenStdin === true && io.stdin !== undefined
  const keys = options.detachKeys === undefined ? {} : { detachKeys: options.detachKeys }
  const attached = withStdin ? await attachContainer(client, target.id, { tty, stdin: true, ...keys }) : undefined
  const output = attached?.output ?? (await attachContainerOutput(client, target.id, { tty, ...keys }))
  const unfollow = tty ? followSize(io, (size) => resizeContainer(client, target.id, { height: size.rows, width: size.columns })) : () => {}
  const proxy = options.sigProxy !== false && !tty
  const unsignal = proxy ? (io.onSignal?.((signal) => void killContainer(client, target.id, { killSignal: signal }).catch(() => undefined)) ?? (() => {})) : () => {}
  const input = attached === undefined ? undefined : pumpStdin(attached, io.stdin, { closeOnEof: info.Config.StdinOnce === true })
  try {
    await pumpOutput(output, io)
  } finally {
    input?.stop()
    attached?.close()
    unfollow()
    unsignal()
  }
  const after = await inspectContainer(client, target.id, sig)
  if (after.State.Running === true) return { container: target.id, detached: true }
  return { container: target.id, exitCode: after.State.ExitCode ?? 0, detached: false }
}
