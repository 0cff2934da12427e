/**
 * NODE_EXTRA_CA_CERTS makes Node 20 read and parse the certificates it names while it starts,
 * before any JavaScript runs (nodejs/node#40524). Set to a whole system bundle (~140
 * certificates), as the machines this project is developed and tested on set it for their
 * package proxy, it delays every `node` process by ~35 ms (`node -e 0`: ~61 ms with it, ~27 ms
 * without, on a 2-core machine); no code of ours can win that back. Compose never uses those
 * certificates (the Docker socket is a unix socket; a TLS engine gets DOCKER_CERT_PATH's CA).
 * When the variable is set, the benches time our CLI both ways and report both.
 */
type Env = Readonly<Record<string, string | undefined>>

/** `env` without NODE_EXTRA_CA_CERTS, or undefined when it is not set (nothing to compare). */
export function withoutExtraCaCerts(env: Env): Env | undefined {
  if (env.NODE_EXTRA_CA_CERTS === undefined || env.NODE_EXTRA_CA_CERTS === '') return undefined
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = env
  return rest
}

/** How the two measurements are told apart in reports. */
export const PLAIN_NODE = 'without NODE_EXTRA_CA_CERTS'
