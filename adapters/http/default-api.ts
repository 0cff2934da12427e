/**
 * The ComposeApi `compose serve` uses. Until the library implements it (adapters/lib), every
 * project operation answers 501; listing projects works (the adapter reads engine labels).
 */
import type { EngineClient } from '../../core/engine/client.ts'
import { ComposeError } from '../../core/errors.ts'
import type { ComposeApi } from './api.ts'

function notYet(operation: string): ComposeError {
  return new ComposeError('HTTP_NOT_IMPLEMENTED', `${operation} is not available over HTTP yet`)
}

export function createDefaultApi(_engine: () => EngineClient): ComposeApi {
  const fail = (name: string) => async (): Promise<never> => {
    throw notYet(name)
  }
  const failStream = (name: string) =>
    async function* (): AsyncGenerator<never> {
      throw notYet(name)
    }
  return {
    config: fail('config'),
    ps: fail('ps'),
    up: fail('up'),
    down: fail('down'),
    start: fail('start'),
    stop: fail('stop'),
    restart: fail('restart'),
    pull: fail('pull'),
    build: fail('build'),
    exec: fail('exec'),
    logs: failStream('logs'),
    events: failStream('events'),
  }
}
