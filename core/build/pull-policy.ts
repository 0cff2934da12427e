/**
 * `pull_policy` as docker compose v2 reads it (compose-go `GetPullPolicy`, compose `mustPull`):
 * `always`, `never`, `build`, `missing` (also `if_not_present`, an empty value, and anything
 * unknown such as a bare `refresh`), and the refresh policies `daily`, `weekly` and
 * `every_<duration>` (`every_12h`, `every_1w2d`, units w d h m s ms us ns). A refresh policy
 * pulls when the image is missing or older than the window, counted from the time it was last
 * tagged locally (i.e. pulled), or from its creation when the engine has no tag time.
 */
import { ComposeError } from '../errors.ts'
import { parseDuration as parseNanoseconds } from '../loader/normalize/durations.ts'

export type PullPolicy =
  | { kind: 'always' | 'never' | 'build' | 'missing' }
  | { kind: 'refresh'; /** milliseconds */ every: number }

const DAY_MS = 86_400_000

/** Parses a pull_policy value; `service` names the service in errors. */
export function parsePullPolicy(value: string | undefined, service?: string): PullPolicy {
  switch (value) {
    case 'always':
    case 'never':
    case 'build':
    case 'missing':
      return { kind: value }
    case 'daily':
      return { kind: 'refresh', every: DAY_MS }
    case 'weekly':
      return { kind: 'refresh', every: 7 * DAY_MS }
  }
  if (value?.startsWith('every_') === true) {
    const every = parseDuration(value.slice('every_'.length))
    if (every === undefined || every <= 0) {
      throw new ComposeError('IMAGE_PULL_POLICY', `${service === undefined ? '' : `service "${service}": `}invalid pull_policy "${value}"`, {
        hint: 'use every_<duration>, e.g. every_12h, every_2d, every_1w',
      })
    }
    return { kind: 'refresh', every }
  }
  return { kind: 'missing' }
}

/** A Go/str2duration duration (`1w2d3h4m5s`, `90m`, `1.5h`) in milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  try {
    return parseNanoseconds(text) / 1e6
  } catch {
    return undefined
  }
}

/** What is known about the local image. */
export interface LocalImage {
  /** ISO time the image was created. */
  created?: string
  /** ISO time the tag was last set (`Metadata.LastTagTime`), if the engine tracks it. */
  lastTagTime?: string
}

/**
 * Whether `up` must pull a service's image (compose `mustPull`). `image` is undefined when the
 * image is not present locally; `now` is injected (tests use a fake clock).
 */
export function mustPull(policy: PullPolicy, image: LocalImage | undefined, now: Date): boolean {
  switch (policy.kind) {
    case 'always':
      return true
    case 'never':
    case 'build':
      return false
    case 'missing':
      return image === undefined
    case 'refresh': {
      if (image === undefined) return true
      const since = referenceTime(image)
      return since === undefined || now.getTime() > since + policy.every
    }
  }
}

function referenceTime(image: LocalImage): number | undefined {
  for (const value of [image.lastTagTime, image.created]) {
    if (value === undefined) continue
    const t = Date.parse(value)
    // Go's zero time (0001-01-01) means "never tagged"
    if (Number.isFinite(t) && t > Date.UTC(1971, 0, 1)) return t
  }
  return undefined
}
