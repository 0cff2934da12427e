/**
 * Image references normalized as distribution/reference's ParseDockerRef does: a registry domain
 * (the first component when it has a dot or a colon, is `localhost` or has capitals, else Docker
 * Hub's `docker.io`, whose one-component names take `library/`), then `:tag` (`latest` by
 * default) or, when there is one, only the `@digest`.
 */

export interface ImageRef {
  /** `domain/path`, normalized (`docker.io/library/busybox`). */
  name: string
  tag?: string
  digest?: string
}

/** A reference as ParseDockerRef normalizes it: the Docker Hub domain and `library/`, `latest` unless there is a digest (which drops the tag). */
export function parseDockerRef(ref: string): ImageRef {
  let rest = ref
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const slash = rest.indexOf('/')
  const first = slash === -1 ? '' : rest.slice(0, slash)
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  let domain = hasDomain ? first : 'docker.io'
  let path = hasDomain ? rest.slice(slash + 1) : rest
  if (domain === 'index.docker.io') domain = 'docker.io'
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`
  const name = `${domain}/${path}`
  if (digest !== undefined) return { name, digest }
  return { name, tag: tag ?? 'latest' }
}

export function formatRef(ref: ImageRef): string {
  return `${ref.name}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`
}
