/**
 * compose:health — translates `healthcheck:` into the create body (compose-features.md 4.14) and
 * gates on readiness through `service:ready`: `service_healthy`, `service_completed_successfully`
 * and `--wait` (running or healthy). Polls container inspect every 500 ms like docker compose.
 * Without this plugin: images' own healthchecks apply and nothing is waited for.
 */
import { ComposeError, type ComposePlugin, definePlugin, type HealthCheckConfig, type HealthConfig, inspectContainer, type ReadyRequest, toNanoseconds } from '../../core/index.ts'

export interface HealthPluginOptions {
  /** Poll interval in ms (default 500). */
  interval?: number
}

/** `healthcheck:` → Engine `Healthcheck`; durations in nanoseconds, unset means the engine default. */
export function toHealthConfig(h: HealthCheckConfig, warn: (m: string) => void): HealthConfig {
  if (h.disable === true) return { Test: ['NONE'] }
  const out: HealthConfig = {}
  if (h.test !== undefined) out.Test = h.test
  if (h.interval !== undefined) out.Interval = toNanoseconds(h.interval)
  if (h.timeout !== undefined) out.Timeout = toNanoseconds(h.timeout)
  if (h.retries !== undefined) out.Retries = h.retries
  if (h.start_period !== undefined) out.StartPeriod = toNanoseconds(h.start_period)
  if (h.start_interval !== undefined) {
    // docker compose refuses it before asking the engine (convert.go)
    if (h.start_period === undefined) throw new ComposeError('CONVERGE_INVALID', 'healthcheck.start_interval requires healthcheck.start_period to be set', { hint: 'add start_period, or drop start_interval' })
    warn('healthcheck.start_interval needs Engine API 1.44; ignored')
  }
  return out
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

const fail = (message: string): ComposeError => new ComposeError('CONVERGE_DEPENDENCY_FAILED', message)

/** true when ready, false to poll again; throws when it never will be. */
async function isReady(req: ReadyRequest, id: string, signal: AbortSignal): Promise<boolean> {
  const c = await inspectContainer(req.client, id, { signal })
  const name = c.Name.replace(/^\//, '')
  const state = c.State
  switch (req.condition) {
    case 'service_started':
      return true
    case 'service_completed_successfully':
      if (state.Status !== 'exited' && state.Status !== 'dead') return false
      if (state.ExitCode !== 0) throw fail(`service "${req.service}" didn't complete successfully: exit ${state.ExitCode}`)
      return true
    case 'service_healthy':
    case 'running_or_healthy': {
      if (state.Status === 'exited' || state.Status === 'dead') throw fail(`container ${name} exited (${state.ExitCode})`)
      const health = state.Health?.Status
      if (health === undefined || health === 'none') {
        if (req.condition === 'service_healthy') throw fail(`service "${req.service}" has no healthcheck configured`)
        return state.Running
      }
      if (health === 'unhealthy') throw fail(`dependency failed to start: container ${name} is unhealthy`)
      return health === 'healthy'
    }
  }
}

export const healthPlugin = definePlugin((options: HealthPluginOptions = {}): ComposePlugin => ({
  name: 'compose:health',
  hooks: {
    'container:create'(ctx, draft) {
      const h = draft.service.healthcheck
      if (h === undefined) return
      draft.spec.body.Healthcheck = toHealthConfig(h, (m) => ctx.emit({ type: 'warning', message: `service "${draft.service.name}": ${m}` }))
    },
    async 'service:ready'(ctx, req) {
      const pending = new Set(req.containers)
      while (pending.size > 0) {
        for (const id of [...pending]) if (await isReady(req, id, ctx.signal)) pending.delete(id)
        if (pending.size > 0) await sleep(options.interval ?? 500, ctx.signal)
      }
      return true
    },
  },
}))
