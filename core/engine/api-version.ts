/** Engine API versions: the newest we speak, the oldest we accept, and comparison. */

/** The newest Engine API version this client knows. */
export const CLIENT_MAX_API_VERSION = '1.48'
/** Docker Engine 20.10 speaks 1.41; older engines lack what compose relies on. */
export const CLIENT_MIN_API_VERSION = '1.41'

export function compareApiVersions(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split('.').map(Number)
  const [bmaj = 0, bmin = 0] = b.split('.').map(Number)
  return amaj !== bmaj ? amaj - bmaj : amin - bmin
}

/** min(server, client max), as docker's client negotiates. */
export function negotiateApiVersion(server: string | undefined): string {
  if (server === undefined || !/^\d+\.\d+$/.test(server)) return CLIENT_MIN_API_VERSION
  return compareApiVersions(server, CLIENT_MAX_API_VERSION) < 0 ? server : CLIENT_MAX_API_VERSION
}
