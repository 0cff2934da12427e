/**
 * NODE_EXTRA_CA_CERTS makes Node 20 read and parse the certificates it names while it starts,
 * before any JavaScript runs (nodejs/node#40524). Set to a whole system bundle (~140
 * certificates), as the machines this project is developed and tested on set it for their
 * package proxy, it delays every `node` process by ~35-55 ms (`node -e 0`: ~61 ms with it, ~27 ms
 * without, on a 2-core machine). The `compose` command (bin/compose.cjs, run as an executable)
 * starts Node without it; `node bin/compose.cjs` pays it. When the variable is set, the benches
 * time the command both ways and report both; the targets are checked on the command.
 */
type Env = Readonly<Record<string, string | undefined>>

/** Whether Node started on `env` pays for NODE_EXTRA_CA_CERTS. */
export function setsExtraCaCerts(env: Env): boolean {
  return env.NODE_EXTRA_CA_CERTS !== undefined && env.NODE_EXTRA_CA_CERTS !== ''
}

/** How the second measurement is told apart in reports. */
export const VIA_NODE = '`node bin/compose.cjs` (pays NODE_EXTRA_CA_CERTS)'
