import { EngineClient } from '../../core/engine/client.ts'
import type { CliIo } from './io.ts'

/** The engine client for a CLI run, configured from the environment like the docker CLI. */
export function createEngineClient(io: CliIo): EngineClient {
  return new EngineClient({ env: io.env, home: io.home })
}
