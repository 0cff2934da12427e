/**
 * `config` parity with docker-compose v1.29.2 on every awesome/ sample (see ./v1-config.ts).
 * After normalization (./_normalize.ts), every remaining difference must be listed below with
 * its reason; an unlisted difference fails, and so does a listed one that no longer occurs.
 * Needs `npm run build` (the CLI runs from dist/) and `docker-compose` 1.x on the PATH.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { awesomeSamples, runParity, v1Available, type SampleResult } from './v1-config.ts'

type Why = 'v1 normalizes less' | 'v1 normalizes more' | 'v1 bug' | 'v1 predates the spec' | 'v2 behaviour we follow'

interface KnownDifference {
  sample: string
  /** Dotted path of the difference, as `diffConfigs` reports it. */
  path: string
  why: Why
  reason: string
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    sample: 'pihole-cloudflared-DoH',
    path: 'services.pihole.volumes[0].source',
    why: 'v2 behaviour we follow',
    reason: 'v1 strips the trailing slash of `/etc/pihole/`; compose-go keeps absolute bind sources verbatim (paths/unix.go maybeUnixPath), so docker compose v2 and we print `/etc/pihole/`',
  },
  {
    sample: 'pihole-cloudflared-DoH',
    path: 'services.pihole.volumes[1].source',
    why: 'v2 behaviour we follow',
    reason: 'same as volumes[0]: `/etc/dnsmasq.d/` kept verbatim as in compose-go',
  },
  {
    sample: 'react-rust-postgres',
    path: '(v1 input)',
    why: 'v1 predates the spec',
    reason: "v1.29.2's schema has no top-level `name:` (\"'name' does not match any of the regexes: '^x-'\"); the harness moves it to `-p` for v1 and compares the rest, which is identical",
  },
]

describe('config parity with docker-compose v1.29.2 (awesome/)', () => {
  let results: SampleResult[] = []
  let v1 = false
  beforeAll(async () => {
    v1 = await v1Available()
    if (!v1) return
    results = await runParity(awesomeSamples())
    const identical = results.filter((r) => r.differences.length === 0).length
    const listed = results.reduce((n, r) => n + r.differences.length, 0)
    console.info(`v1 parity: ${results.length} samples, ${identical} identical after normalization, ${listed} listed difference(s) in ${results.length - identical} sample(s)`)
  }, 600_000)

  it('docker-compose 1.x is installed (Debian\'s docker-compose package)', () => {
    expect(v1).toBe(true)
  })

  it('covers all 39 samples', () => {
    expect(results.map((r) => r.sample)).toEqual(awesomeSamples())
    expect(results.length).toBe(39)
  })

  it('our config succeeds on every sample, without a stack trace', () => {
    const failed = results.filter((r) => r.ours.code !== 0).map((r) => `${r.sample}: exit ${r.ours.code} ${r.ours.stderr}`)
    expect(failed).toEqual([])
  })

  it('v1 succeeds on every sample once its build contexts exist (or on the adjusted copy)', () => {
    const failed = results.filter((r) => r.v1.code !== 0).map((r) => `${r.sample}: exit ${r.v1.code} ${r.v1.stderr}`)
    expect(failed).toEqual([])
  })

  it('every remaining difference is listed with a reason', () => {
    const key = (sample: string, path: string): string => `${sample} ${path}`
    const known = new Set(KNOWN_DIFFERENCES.map((d) => key(d.sample, d.path)))
    const found = results.flatMap((r) => r.differences.map((d) => ({ key: key(r.sample, d.path), v1: d.v1, ours: d.ours })))
    const unlisted = found.filter((d) => !known.has(d.key))
    expect(unlisted, 'differences not in KNOWN_DIFFERENCES').toEqual([])
    const stale = [...known].filter((k) => !found.some((d) => d.key === k))
    expect(stale, 'listed differences that no longer occur').toEqual([])
  })

  it('every listed difference has a reason', () => {
    for (const d of KNOWN_DIFFERENCES) expect(d.reason.length).toBeGreaterThan(20)
  })
})
