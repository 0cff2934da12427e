/**
 * compose:lifecycle-hooks — the service lifecycle hooks `post_start` and `pre_stop`
 * (compose-features.md 4.16): each runs as an exec in the container, with the hook's `user`,
 * `privileged` and `working_dir`, and the service environment overridden by the hook's
 * `environment`. `post_start` runs right after compose started the container, before it is
 * reported started; `pre_stop` right before compose stops it. A non-zero exit is an error.
 */
import { definePlugin, type ComposePlugin } from '../../core/hooks.ts'
import { ComposeError, execRun, isComposeError, type ContainerLifecycle, type HookContext, type ServiceHook } from '../../core/index.ts'

export type LifecycleHookKind = 'post_start' | 'pre_stop'

/** `KEY=value` list: the service environment overridden by the hook's (unresolved keys dropped). */
export function hookEnvironment(service: Readonly<Record<string, string | null>> | undefined, hook: Readonly<Record<string, string | null>> | undefined): string[] {
  const merged: Record<string, string | null> = { ...(service ?? {}), ...(hook ?? {}) }
  return Object.entries(merged)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}=${v}`)
}

/** Runs one hook in the container; throws CONVERGE_HOOK_FAILED on a non-zero exit. */
export async function runServiceHook(ctx: HookContext, target: ContainerLifecycle, kind: LifecycleHookKind, hook: ServiceHook): Promise<void> {
  const command = hook.command ?? []
  if (command.length === 0) return
  const result = await execRun(target.client, target.id, command, {
    signal: ctx.signal,
    env: hookEnvironment(target.service?.environment, hook.environment),
    ...(hook.user === undefined ? {} : { user: hook.user }),
    ...(hook.working_dir === undefined ? {} : { workingDir: hook.working_dir }),
    ...(hook.privileged === undefined ? {} : { privileged: hook.privileged }),
  })
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    if (line !== '') ctx.emit({ type: 'info', source: target.name, message: `${kind}: ${line}` })
  }
  if (result.exitCode !== 0) {
    throw new ComposeError('CONVERGE_HOOK_FAILED', `container ${target.name}: ${kind} hook \`${command.join(' ')}\` exited with status ${result.exitCode}`, {
      hint: result.stderr.trim() === '' ? undefined : result.stderr.trim().split('\n').slice(-3).join('\n'),
    })
  }
}

/**
 * A container that is no longer running (a short `run`, a crash) or is paused cannot exec: the
 * hook is skipped with a warning, and stopping or starting goes on. Failures of the hook itself
 * (a non-zero exit) still fail.
 */
async function runTolerant(ctx: HookContext, target: ContainerLifecycle, kind: LifecycleHookKind, hook: ServiceHook): Promise<void> {
  try {
    await runServiceHook(ctx, target, kind, hook)
  } catch (error) {
    if (!isComposeError(error, 'ENGINE_CONFLICT') && !isComposeError(error, 'ENGINE_NOT_FOUND')) throw error
    ctx.emit({ type: 'warning', source: target.name, message: `container ${target.name}: ${kind} hook skipped: ${error.message}` })
  }
}

export const lifecycleHooksPlugin = definePlugin((): ComposePlugin => ({
  name: 'compose:lifecycle-hooks',
  hooks: {
    async 'container:start'(ctx, target) {
      for (const hook of target.service?.post_start ?? []) await runTolerant(ctx, target, 'post_start', hook)
    },
    async 'container:stop'(ctx, target) {
      for (const hook of target.service?.pre_stop ?? []) await runTolerant(ctx, target, 'pre_stop', hook)
    },
  },
}))
