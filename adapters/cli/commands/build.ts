/**
 * `compose build`: build or rebuild the services' images with the classic Engine builder
 * (docker compose `cmd/compose/build.go`). Progress and build output go to stderr.
 */
import { ComposeError } from '../../../core/errors.ts'
import { parseBytes } from '../../../core/loader/normalize/bytes.ts'
import { defineCommand } from '../define.ts'
import { withProject } from './_project-command.ts'

/** `--build-arg KEY=VALUE` (or a bare `KEY`, taken from the environment). */
export function parseBuildArgs(values: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const value of values) {
    const eq = value.indexOf('=')
    const key = eq < 0 ? value : value.slice(0, eq)
    if (key === '') throw new ComposeError('CLI_USAGE', `invalid --build-arg "${value}"`, { hint: 'use KEY=VALUE, or KEY to take it from the environment' })
    out[key] = eq < 0 ? null : value.slice(eq + 1)
  }
  return out
}

export default defineCommand({
  name: 'build',
  description: 'Build or rebuild services',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    'build-arg': { type: 'strings', placeholder: 'KEY=VALUE', description: 'Set build-time variables for services' },
    memory: { type: 'string', short: 'm', placeholder: 'BYTES', description: 'Set memory limit for the build container' },
    'no-cache': { type: 'boolean', description: 'Do not use cache when building the image' },
    pull: { type: 'boolean', description: 'Always attempt to pull a newer version of the image' },
    push: { type: 'boolean', description: 'Push service images' },
    quiet: { type: 'boolean', short: 'q', description: "Don't print anything to STDOUT" },
    'with-dependencies': { type: 'boolean', description: 'Also build dependencies (transitively)' },
    ssh: { type: 'string', placeholder: 'SSH', description: 'Set SSH authentications used when building service images (not supported by the classic builder)', hidden: true },
    builder: { type: 'string', placeholder: 'BUILDER', description: 'Set builder to use (only the Engine builder is supported)', hidden: true },
    // docker-compose v1's switches, still accepted (and ignored) by docker compose
    parallel: { type: 'boolean', hidden: true, description: 'Deprecated: services build in parallel (--parallel N before the command limits them)' },
    compress: { type: 'boolean', hidden: true, description: 'Deprecated and ignored' },
    'force-rm': { type: 'boolean', hidden: true, description: 'Deprecated and ignored' },
    'no-rm': { type: 'boolean', hidden: true, description: 'Deprecated and ignored' },
  },
  async run(ctx) {
    const { flags, args, global, io, signal } = ctx
    if (flags.ssh !== undefined) throw new ComposeError('CLI_USAGE', '--ssh is not supported by the classic builder', { hint: 'drop --ssh; compose builds through the Engine API' })
    if (flags.builder !== undefined) throw new ComposeError('CLI_USAGE', '--builder is not supported: compose builds with the Engine (classic) builder')
    let memory: number | undefined
    if (flags.memory !== undefined) {
      try {
        memory = parseBytes(flags.memory)
      } catch {
        throw new ComposeError('CLI_USAGE', `invalid --memory value "${flags.memory}"`, { hint: 'use a size such as 512m or 2g' })
      }
    }
    const buildArgs = parseBuildArgs(flags['build-arg'])
    const quiet = flags.quiet ? { filter: (e: { type: string }) => e.type === 'warning' || e.type === 'error' } : {}
    return withProject(ctx, { services: args, ...quiet }, async ({ project }) => {
      const result = await project.build({
        services: args,
        withDependencies: flags['with-dependencies'],
        noCache: flags['no-cache'],
        pull: flags.pull,
        quiet: flags.quiet,
        ...(Object.keys(buildArgs).length > 0 ? { buildArgs } : {}),
        ...(memory === undefined ? {} : { memory }),
        dryRun: global.dryRun,
        signal,
      })
      if (global.dryRun) {
        for (const service of result.planned ?? []) io.stdout.write(`DRY-RUN MODE - build service ${service}\n`)
        return 0
      }
      if (flags.push) {
        const built = new Set(result.built.map((b) => b.service))
        const services = args.length > 0 ? args.filter((s) => built.has(s)) : [...built]
        if (services.length > 0) await project.push({ services, quiet: flags.quiet, signal })
      }
      return 0
    })
  },
})
