/**
 * A container's file system as tar streams: `GET` (copy out), `PUT` (copy in) and `HEAD` (stat)
 * on `/containers/{id}/archive`. Write and read the tar with ../tar.ts.
 */
import type { EngineClient } from '../client.ts'
import { ComposeError } from '../../errors.ts'
import type { ContainerPathStat } from '../types.ts'
import { seg, withSignal, type Abortable } from './_shared.ts'

const what = (id: string, path: string): string => `path "${path}" in container "${id}"`

/** Decodes the `X-Docker-Container-Path-Stat` header (base64 JSON). */
export function decodePathStat(header: string | undefined): ContainerPathStat | undefined {
  if (header === undefined || header === '') return undefined
  try {
    const binary = atob(header.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return JSON.parse(new TextDecoder().decode(bytes)) as ContainerPathStat
  } catch (cause) {
    throw new ComposeError('ENGINE_PROTOCOL', `invalid X-Docker-Container-Path-Stat header: ${header.slice(0, 100)}`, { cause })
  }
}

/** Stats a path in a container (`HEAD`); ENGINE_NOT_FOUND when it does not exist. */
export async function statContainerPath(client: EngineClient, id: string, path: string, options: Abortable = {}): Promise<ContainerPathStat> {
  const res = await client.request({ method: 'HEAD', path: `/containers/${seg(id)}/archive`, query: { path }, ...withSignal(options) }, { what: what(id, path) })
  await res.dump()
  const stat = decodePathStat(res.headers['x-docker-container-path-stat'])
  if (stat === undefined) throw new ComposeError('ENGINE_PROTOCOL', `the engine sent no stat for ${what(id, path)}`)
  return stat
}

export interface ContainerArchive {
  stat: ContainerPathStat | undefined
  /** A tar stream holding the path (a directory with its content, or a single file). */
  tar: AsyncIterable<Uint8Array>
}

/** Copies a path out of a container as a tar stream. */
export async function getContainerArchive(client: EngineClient, id: string, path: string, options: Abortable = {}): Promise<ContainerArchive> {
  const res = await client.request({ method: 'GET', path: `/containers/${seg(id)}/archive`, query: { path }, ...withSignal(options) }, { what: what(id, path) })
  return { stat: decodePathStat(res.headers['x-docker-container-path-stat']), tar: res.body }
}

export interface PutArchiveOptions extends Abortable {
  /** Fail instead of replacing a directory with a non-directory or the other way round. */
  noOverwriteDirNonDir?: boolean
  /** Give the copied files the UID/GID of the container's user. */
  copyUIDGID?: boolean
}

/** Extracts a tar stream (or bytes) into a directory of the container; resolves when it is written. */
export async function putContainerArchive(
  client: EngineClient,
  id: string,
  path: string,
  tar: AsyncIterable<Uint8Array> | Uint8Array,
  options: PutArchiveOptions = {},
): Promise<void> {
  await client.send(
    {
      method: 'PUT',
      path: `/containers/${seg(id)}/archive`,
      query: { path, noOverwriteDirNonDir: options.noOverwriteDirNonDir, copyUIDGID: options.copyUIDGID },
      body: tar,
      contentType: 'application/x-tar',
      ...withSignal(options),
    },
    { what: what(id, path) },
  )
}
