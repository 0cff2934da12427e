import { ComposeError } from '../errors.ts'

/** Turns a socket-level failure into an error that says what was tried and what to do. */
export function connectionError(error: unknown, address: string, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason ?? error
  if (error instanceof ComposeError) return error
  const e = error as { code?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  const name = (error as { name?: string }).name
  if (name === 'AbortError') return error
  switch (code) {
    case 'ENOENT':
      return new ComposeError('ENGINE_UNREACHABLE', `cannot connect to the Docker Engine at ${address}: no such socket`, {
        cause: error,
        hint: 'is dockerd running? Start it (e.g. `sudo systemctl start docker`, or run scripts/start-engine.sh), or point DOCKER_HOST at the right socket',
      })
    case 'EACCES':
    case 'EPERM':
      return new ComposeError('ENGINE_PERMISSION_DENIED', `permission denied while connecting to the Docker Engine at ${address}`, {
        cause: error,
        hint: 'add your user to the "docker" group (then log in again) or run as root',
      })
    case 'ECONNREFUSED':
      return new ComposeError('ENGINE_UNREACHABLE', `cannot connect to the Docker Engine at ${address}: connection refused`, {
        cause: error,
        hint: 'is dockerd running and listening there? Check DOCKER_HOST and the current Docker context',
      })
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ComposeError('ENGINE_UNREACHABLE', `cannot reach the Docker Engine at ${address} (${code})`, {
        cause: error,
        hint: 'check DOCKER_HOST and the network path to the engine',
      })
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ComposeError('ENGINE_UNREACHABLE', `the Docker Engine at ${address} closed the connection`, {
        cause: error,
        hint: 'the daemon may have stopped or restarted; check that it is running',
      })
    default:
      if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) {
        return new ComposeError('ENGINE_TLS', `TLS handshake with the Docker Engine at ${address} failed: ${e.message ?? code}`, {
          cause: error,
          hint: 'check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY',
        })
      }
      return new ComposeError('ENGINE_UNREACHABLE', `request to the Docker Engine at ${address} failed: ${e.message ?? String(error)}`, {
        cause: error,
      })
  }
}
