/**
 * `up`/`create` flags and their mapping onto core's UpOptions, with docker compose's cross-flag
 * rules (compose-features.md 1.4, cmd/compose/up.go validateFlags). Pure, so unit-tested.
 */
import type { UpOptions } from '../../../core/commands/up.ts'
import type { OnExit } from '../../../core/commands/_attached-up.ts'
import type { PullOption } from '../../../core/converge/images.ts'
import { ComposeError } from '../../../core/errors.ts'
import type { FlagSpecs, ParsedFlags } from '../define.ts'
import { parseScale, timeoutOf } from './_project-command.ts'

/** Flags `create` shares with `up`. */
export const CREATE_FLAGS = {
  build: { type: 'boolean', description: 'Build images before starting containers' },
  'no-build': { type: 'boolean', description: "Don't build an image, even if it's policy" },
  pull: { type: 'string', placeholder: 'POLICY', description: 'Pull image before running ("always"|"missing"|"never"|"build"|"policy")' },
  'quiet-pull': { type: 'boolean', description: 'Pull without printing progress information' },
  'quiet-build': { type: 'boolean', description: 'Suppress the build output' },
  'force-recreate': { type: 'boolean', description: "Recreate containers even if their configuration and image haven't changed" },
  'no-recreate': { type: 'boolean', description: "If containers already exist, don't recreate them. Incompatible with --force-recreate." },
  'remove-orphans': { type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
  scale: { type: 'strings', placeholder: 'SERVICE=NUM', description: 'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.' },
  yes: { type: 'boolean', short: 'y', description: 'Assume "yes" as answer to all prompts and run non-interactively' },
  y: { type: 'boolean', hidden: true, description: 'Deprecated spelling of --yes' },
} as const satisfies FlagSpecs

export const UP_FLAGS = {
  detach: { type: 'boolean', short: 'd', description: 'Detached mode: Run containers in the background' },
  watch: { type: 'boolean', short: 'w', description: 'Watch source code and rebuild/refresh containers when files are updated' },
  ...CREATE_FLAGS,
  menu: { type: 'boolean', unset: true, description: 'Enable interactive shortcuts when running attached (w: watch, d: detach). Incompatible with --detach. Default: COMPOSE_MENU, else on when stdin and stdout are terminals' },
  'no-color': { type: 'boolean', description: 'Produce monochrome output' },
  'no-log-prefix': { type: 'boolean', description: "Don't print prefix in logs" },
  'no-start': { type: 'boolean', description: "Don't start the services after creating them" },
  'abort-on-container-exit': { type: 'boolean', description: 'Stops all containers if any container was stopped. Incompatible with -d' },
  'abort-on-container-failure': { type: 'boolean', description: 'Stops all containers if any container exited with failure. Incompatible with -d' },
  'exit-code-from': { type: 'string', placeholder: 'SERVICE', description: 'Return the exit code of the selected service container. Implies --abort-on-container-exit' },
  timeout: { type: 'number', short: 't', placeholder: 'SECONDS', description: 'Use this timeout in seconds for container shutdown when attached or when containers are already running' },
  timestamps: { type: 'boolean', description: 'Show timestamps' },
  'no-deps': { type: 'boolean', description: "Don't start linked services" },
  'always-recreate-deps': { type: 'boolean', description: 'Recreate dependent containers. Incompatible with --no-recreate.' },
  'renew-anon-volumes': { type: 'boolean', short: 'V', description: 'Recreate anonymous volumes instead of retrieving data from the previous containers' },
  attach: { type: 'strings', placeholder: 'SERVICE', description: 'Restrict attaching to the specified services. Incompatible with --attach-dependencies.' },
  'no-attach': { type: 'strings', placeholder: 'SERVICE', description: 'Do not attach (stream logs) to the specified services' },
  'attach-dependencies': { type: 'boolean', description: 'Automatically attach to log output of dependent services' },
  wait: { type: 'boolean', description: 'Wait for services to be running|healthy. Implies detached mode.' },
  'wait-timeout': { type: 'number', placeholder: 'SECONDS', description: 'Maximum duration in seconds to wait for the project to be running|healthy' },
} as const satisfies FlagSpecs

const PULL = ['always', 'missing', 'never', 'build', 'policy', 'if_not_present'] as const

function usage(message: string): ComposeError {
  return new ComposeError('CLI_USAGE', message)
}

function pullOption(value: string | undefined): PullOption | undefined {
  if (value === undefined) return undefined
  if (!(PULL as readonly string[]).includes(value)) throw new ComposeError('CLI_USAGE', `invalid --pull value "${value}"`, { hint: 'use one of: always, missing, never, build, policy' })
  if (value === 'if_not_present') return 'missing'
  return value as PullOption
}

/** `create` flags → core options (env: COMPOSE_REMOVE_ORPHANS / COMPOSE_IGNORE_ORPHANS). */
export function toCreateOptions(flags: ParsedFlags<typeof CREATE_FLAGS> & Partial<ParsedFlags<typeof UP_FLAGS>>, services: string[], env: Readonly<Record<string, string | undefined>>): UpOptions {
  if (flags.build && flags['no-build']) throw usage('--build and --no-build are incompatible')
  if (flags['force-recreate'] && flags['no-recreate']) throw usage('--force-recreate and --no-recreate are incompatible')
  if (flags['renew-anon-volumes'] === true && flags['no-recreate']) throw usage('--no-recreate and --renew-anon-volumes are incompatible')
  if (flags['always-recreate-deps'] === true && flags['no-recreate']) throw usage('--always-recreate-deps and --no-recreate are incompatible')
  const removeOrphans = flags['remove-orphans'] || truthy(env.COMPOSE_REMOVE_ORPHANS)
  if (removeOrphans && truthy(env.COMPOSE_IGNORE_ORPHANS)) throw usage('cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans')
  const pull = pullOption(flags.pull)
  const scale = parseScale(flags.scale)
  const timeout = timeoutOf(flags.timeout)
  const out: UpOptions = {}
  if (services.length > 0) out.services = services
  if (flags.build) out.build = true
  if (flags['no-build']) out.noBuild = true
  if (pull !== undefined) out.pull = pull
  if (flags['force-recreate']) out.forceRecreate = true
  if (flags['no-recreate']) out.noRecreate = true
  if (removeOrphans) out.removeOrphans = true
  if (Object.keys(scale).length > 0) out.scale = scale
  if (flags['no-deps'] === true) out.noDeps = true
  if (flags['always-recreate-deps'] === true) out.alwaysRecreateDeps = true
  // -V recreates the targeted containers (docker compose createOptions.recreateStrategy)
  if (flags['renew-anon-volumes'] === true) Object.assign(out, { renewAnonVolumes: true, forceRecreate: true })
  if (timeout !== undefined) out.timeout = timeout
  if (flags.yes || flags.y) out.yes = true
  return out
}

export interface UpPlan {
  options: UpOptions
  detach: boolean
  onExit: OnExit
  exitCodeFrom: string | undefined
}

/** `up` flags → core options plus how the command runs (attached or not, when to abort). */
export function toUpPlan(flags: ParsedFlags<typeof UP_FLAGS>, services: string[], env: Readonly<Record<string, string | undefined>>): UpPlan {
  const exitCodeFrom = flags['exit-code-from']
  let cascadeStop = flags['abort-on-container-exit']
  const cascadeFail = flags['abort-on-container-failure']
  if (exitCodeFrom !== undefined && !cascadeFail) cascadeStop = true
  if (cascadeStop && cascadeFail) throw usage('--abort-on-container-failure cannot be combined with --abort-on-container-exit')
  let detach = flags.detach
  if (flags.wait) {
    if (flags['attach-dependencies'] || cascadeStop || flags.attach.length > 0) throw usage('--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies')
    detach = true
  }
  if (detach && (flags['attach-dependencies'] || cascadeStop || cascadeFail || flags.attach.length > 0)) {
    throw usage('--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach or --attach-dependencies')
  }
  if (flags.attach.length > 0 && flags['attach-dependencies']) throw usage('cannot combine --attach and --attach-dependencies')
  if (flags.watch && detach) throw new ComposeError('CLI_USAGE', '--watch and --detach are incompatible', { hint: 'run `compose watch` next to `up -d` instead' })
  if (flags.watch && flags['no-build']) throw usage('--no-build and --watch are incompatible')
  if (flags.menu === true && detach) throw usage('--menu and --detach are incompatible')
  const waitTimeout = timeoutOf(flags['wait-timeout'], '--wait-timeout')
  const options = toCreateOptions(flags, services, env)
  if (flags['no-start']) options.noStart = true
  if (flags.wait) options.wait = true
  if (waitTimeout !== undefined && waitTimeout > 0) options.waitTimeout = waitTimeout
  return { options, detach: detach || flags['no-start'], onExit: cascadeStop ? 'stop' : cascadeFail ? 'fail' : 'ignore', exitCodeFrom }
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|y|on)$/i.test(value.trim())
}
