/**
 * The conformance check every plugin passes (built-ins, examples, third-party ones): a list of
 * named checks that throw on failure, so any test runner (vitest, bun:test, Deno.test) can run
 * them:
 *
 *   for (const check of conformanceChecks(myPlugin)) it(check.name, check.run)
 *
 * - the name is `compose:<feature>` (built-ins) or `compose-plugin-<feature>`;
 * - only hooks of HOOK_KINDS are registered, each a function or `{ order, handler }`;
 *   `enforce`/`order` are `pre`/`post`; `x-` extensions have a valibot schema; commands have a
 *   description and a `run`;
 * - load → up → down of an empty project throws nothing and emits no error events;
 * - with an aborted signal every handler settles promptly, rejects (if at all) with the abort,
 *   makes no engine call that ignores the signal and leaves no event stream open.
 */
import { EngineClient, HOOK_KINDS, type ComposePlugin, type HookContext } from '../../core/index.ts'
import { FakeEngine } from './fake-engine.ts'
import { createPluginTestKit } from './kit.ts'
import { sampleHookArgs } from './payloads.ts'

export interface ConformanceCheck {
  name: string
  run(): Promise<void>
}

/** A plugin, or a factory (called once per check) that may use the engine the check provides. */
export type PluginUnderTest = ComposePlugin | ((ctx: { engine: EngineClient }) => ComposePlugin)

export interface ConformanceOptions {
  /** YAML of the project whose first service the hook payloads use (default: one busybox service). */
  sampleProject?: string
  /** How long a handler may take with an aborted signal (default 2000 ms). */
  abortTimeoutMs?: number
  /** How long load → up → down of the empty project may take (default 10 s). */
  pipelineTimeoutMs?: number
}

const NAME = /^(compose:[a-z0-9][a-z0-9-]*|compose-plugin-[a-z0-9][a-z0-9-]*)$/
const DEFAULT_SAMPLE = 'services:\n  app:\n    image: busybox:latest\n    command: ["sleep", "60"]\n'

type RawHandler = (ctx: HookContext, ...args: unknown[]) => unknown

function fail(message: string): never {
  throw new Error(message)
}

function handlerOf(entry: unknown): RawHandler | undefined {
  if (typeof entry === 'function') return entry as RawHandler
  if (entry !== null && typeof entry === 'object' && typeof (entry as { handler?: unknown }).handler === 'function') return (entry as { handler: RawHandler }).handler
  return undefined
}

function isAbortLike(error: unknown, reason: unknown, depth = 0): boolean {
  if (error === reason) return true
  if (error instanceof Error && error.name === 'AbortError') return true
  if (depth < 5 && error instanceof Error && error.cause !== undefined) return isAbortLike(error.cause, reason, depth + 1)
  return false
}

export function conformanceChecks(subject: PluginUnderTest, options: ConformanceOptions = {}): ConformanceCheck[] {
  const instantiate = (engine: EngineClient): ComposePlugin => (typeof subject === 'function' ? subject({ engine }) : subject)
  const fresh = (): ComposePlugin => instantiate(new EngineClient({ transport: new FakeEngine() }))
  const label = ((): string => {
    try {
      return fresh().name
    } catch {
      return '(plugin)'
    }
  })()
  return [
    {
      name: `${label}: name is compose:<feature> or compose-plugin-<feature>`,
      run: async () => {
        const plugin = fresh()
        if (typeof plugin.name !== 'string' || !NAME.test(plugin.name)) fail(`plugin name "${String(plugin.name)}" must be compose:<feature> (built-ins) or compose-plugin-<feature>`)
      },
    },
    {
      name: `${label}: registers only known hooks (each with a handler), well-formed extensions and commands`,
      run: async () => {
        const plugin = fresh()
        if (plugin.enforce !== undefined && plugin.enforce !== 'pre' && plugin.enforce !== 'post') fail(`enforce must be 'pre' or 'post', not ${String(plugin.enforce)}`)
        for (const [hook, entry] of Object.entries(plugin.hooks ?? {})) {
          if (entry === undefined) continue
          if (!Object.hasOwn(HOOK_KINDS, hook)) fail(`unknown hook "${hook}" (known: ${Object.keys(HOOK_KINDS).join(', ')})`)
          if (handlerOf(entry) === undefined) fail(`hook "${hook}" has no handler function`)
          const order = typeof entry === 'object' ? (entry as { order?: unknown }).order : undefined
          if (order !== undefined && order !== 'pre' && order !== 'post') fail(`hook "${hook}": order must be 'pre' or 'post'`)
        }
        const places = ['project', 'services', 'networks', 'volumes', 'secrets', 'configs']
        for (const [key, ext] of Object.entries(plugin.extensions ?? {})) {
          if (!key.startsWith('x-')) fail(`extension "${key}" must start with x-`)
          if (!places.includes(ext.on)) fail(`extension "${key}": on must be one of ${places.join(', ')}`)
          if (typeof ext.schema !== 'object' || ext.schema === null || (ext.schema as { kind?: unknown }).kind !== 'schema') fail(`extension "${key}" needs a valibot schema`)
        }
        for (const [name, command] of Object.entries(plugin.commands ?? {})) {
          if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`command name "${name}" must be lower-case kebab-case`)
          if (typeof command.description !== 'string' || command.description === '') fail(`command "${name}" needs a description`)
          if (typeof command.run !== 'function') fail(`command "${name}" needs a run function`)
        }
      },
    },
    {
      name: `${label}: load, up and down of an empty project throw nothing`,
      run: async () => {
        const fake = new FakeEngine()
        const engine = new EngineClient({ transport: fake })
        const kit = createPluginTestKit({ plugins: [instantiate(engine)], engine: fake })
        const limit = options.pipelineTimeoutMs ?? 10_000
        try {
          const outcome = await settle(async () => {
            const project = await kit.load('services: {}\n')
            await project.up()
            await project.down()
          }, limit)
          if (outcome.kind === 'timeout') fail(`load, up and down of an empty project did not finish within ${limit} ms`)
          if (outcome.kind === 'rejected') throw outcome.error
        } finally {
          await kit.close()
          await engine.close()
        }
        const errors = kit.events.filter((e) => e.type === 'error')
        if (errors.length > 0) fail(`error events: ${errors.map((e) => e.message).join('; ')}`)
      },
    },
    {
      name: `${label}: honours an aborted signal in every hook`,
      run: async () => {
        const kit = createPluginTestKit()
        const fake = kit.fake
        if (fake === undefined) fail('the conformance check needs the fake engine')
        const engine = new EngineClient({ transport: fake })
        const plugin = instantiate(engine)
        const timeout = options.abortTimeoutMs ?? 2000
        const problems: string[] = []
        try {
          const project = await kit.load(options.sampleProject ?? DEFAULT_SAMPLE)
          await engine.apiVersion() // negotiate before aborting, as a running compose would have
          const args = sampleHookArgs(project)
          for (const [hook, entry] of Object.entries(plugin.hooks ?? {})) {
            const handler = handlerOf(entry)
            if (handler === undefined) continue
            const controller = new AbortController()
            const reason = new DOMException('aborted by the conformance check', 'AbortError')
            controller.abort(reason)
            const before = fake.calls.length
            const ctx: HookContext = { signal: controller.signal, emit: () => {} }
            const outcome = await settle(() => handler(ctx, ...(args[hook as keyof typeof args] as unknown[])), timeout)
            if (outcome.kind === 'timeout') problems.push(`"${hook}" did not settle within ${timeout} ms of an aborted signal`)
            if (outcome.kind === 'rejected' && !isAbortLike(outcome.error, reason)) {
              problems.push(`"${hook}" rejected with "${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}" instead of the abort`)
            }
            for (const call of fake.calls.slice(before)) if (call.aborted !== true) problems.push(`"${hook}" called ${call.method} ${call.path} ignoring the aborted signal`)
          }
          await new Promise((resolve) => setTimeout(resolve, 10))
          if (fake.subscribers > 0) problems.push(`left ${fake.subscribers} engine event stream(s) open`)
        } finally {
          await kit.close()
          await engine.close()
        }
        if (problems.length > 0) fail(problems.join('\n'))
      },
    },
  ]
}

/** Runs every check; resolves with the failures (empty when the plugin conforms). */
export async function checkConformance(subject: PluginUnderTest, options: ConformanceOptions = {}): Promise<{ check: string; message: string }[]> {
  const failures: { check: string; message: string }[] = []
  for (const check of conformanceChecks(subject, options)) {
    try {
      await check.run()
    } catch (error) {
      failures.push({ check: check.name, message: error instanceof Error ? error.message : String(error) })
    }
  }
  return failures
}

type Outcome = { kind: 'fulfilled' } | { kind: 'rejected'; error: unknown } | { kind: 'timeout' }

async function settle(fn: () => unknown, ms: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), ms)
  })
  const run = (async (): Promise<Outcome> => {
    try {
      await fn()
      return { kind: 'fulfilled' }
    } catch (error) {
      return { kind: 'rejected', error }
    }
  })()
  try {
    return await Promise.race([run, timeout])
  } finally {
    clearTimeout(timer)
  }
}
