import { setImmediate } from 'node:timers'
import { EngineClient } from '../../core/engine/client.ts'
import type { CliIo } from './io.ts'

/** The engine client for a CLI run, configured from the environment like the docker CLI. */
export function createEngineClient(io: CliIo): EngineClient {
  return new EngineClient({ env: io.env, home: io.home })
}

/**
 * Lets go of a command's engine connections without spending the command's time on it: the
 * close runs on the next turn of the event loop, which a CLI process never reaches (it exits when
 * the command returns; closing undici's sockets costs ~2 ms of microtasks), while a caller of
 * `main()` in-process (the tests) is left with nothing open.
 */
export function release(connections: { close(): Promise<void> } | undefined): void {
  if (connections !== undefined) setImmediate(() => void connections.close().catch(() => undefined))
}
