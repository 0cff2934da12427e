/**
 * The seam between the engine client and the wire. The client builds `EngineRequest`s and reads
 * `EngineResponse`s; a Transport carries them over a unix socket or TCP (with TLS). Only
 * transport implementations know which HTTP library (and which runtime) is underneath.
 */

export type QueryValue = string | number | boolean | undefined | null | readonly string[]

export interface EngineRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD'
  /** Path without the `/vX.Y` prefix, e.g. `/containers/json`. */
  path: string
  query?: Record<string, QueryValue>
  headers?: Record<string, string>
  /** A JSON value (sent as application/json), raw bytes, or a byte stream (sent chunked). */
  body?: unknown
  /** Overrides the body's Content-Type (e.g. application/x-tar). */
  contentType?: string
  signal?: AbortSignal
  /** Send without the API version prefix (used for `/_ping`). */
  unversioned?: boolean
}

export interface EngineResponseInfo {
  method: string
  path: string
  status: number
  headers: Readonly<Record<string, string>>
}

export interface EngineResponse extends EngineResponseInfo {
  /** The body as it arrives: chunks, back-pressured (nothing is read ahead of the consumer). */
  body: AsyncIterable<Uint8Array>
  /** Reads the whole body. */
  bytes(): Promise<Uint8Array>
  /** Releases the body without reading it. */
  dump(): Promise<void>
}

/** A hijacked (upgraded) connection for attach and exec with stdin. */
export interface HijackedStream {
  /** What the container writes (multiplexed unless the container has a TTY). */
  readonly output: AsyncIterable<Uint8Array>
  write(chunk: Uint8Array | string): Promise<void>
  /** Half-close: sends EOF on stdin and keeps reading output. */
  closeWrite(): Promise<void>
  /** Closes both directions. */
  close(): void
}

export interface Transport {
  /** Human-readable address for messages, e.g. `unix:///var/run/docker.sock`. */
  readonly address: string
  request(req: EngineRequest & { fullPath: string }): Promise<EngineResponse>
  hijack(req: EngineRequest & { fullPath: string }): Promise<HijackedStream>
  close(): Promise<void>
}
