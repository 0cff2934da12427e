/**
 * compose:env — the environment of a compose project, built only on the public hook API:
 * - `load:environment`: reads the project `.env` (or `--env-file`s, or an include's env_file);
 *   the shell environment always wins over files;
 * - `load:interpolate`: `${...}` interpolation of every value (shell first, then env files),
 *   with compose's type casts; unset variables are warnings, `${VAR:?}` errors name the
 *   variable and the key with file:line;
 * - `load:merged`: resolves each service's `env_file`, `environment` and `label_file`.
 * Remove the plugin (or load with `noInterpolate`) and values are taken literally.
 */
import { type CastRules, type ComposePlugin, definePlugin, type EnvFormatParser, interpolateModel } from '../../core/index.ts'
import { resolveLabelFiles } from './label-file.ts'
import { applyEnvFiles } from './project-env.ts'
import { resolveServiceEnvironments } from './service-env.ts'

export interface EnvPluginOptions {
  /** Extra `env_file` formats, by name (`raw` and the default `.env` format are built in). */
  formats?: Readonly<Record<string, EnvFormatParser>>
  /** Keep `env_file`/`label_file` in the model after reading them (default: dropped, as docker compose). */
  keepEnvFiles?: boolean
  /** Paths whose interpolated values are cast to numbers/booleans (default: compose-go's list). */
  casts?: CastRules
}

export const envPlugin = definePlugin((options: EnvPluginOptions = {}): ComposePlugin => {
  const discard = options.keepEnvFiles !== true
  return {
    name: 'compose:env',
    hooks: {
      'load:environment': (_ctx, draft) => applyEnvFiles(draft),
      'load:interpolate': (_ctx, draft) => {
        const env = draft.env
        const { value, problems } = interpolateModel(draft.model, {
          lookup: (name) => (Object.hasOwn(env, name) ? env[name] : undefined),
          ...(options.casts === undefined ? {} : { casts: options.casts }),
          onUnset: (name, path) => draft.warn(`The ${JSON.stringify(name)} variable is not set. Defaulting to a blank string.`, { path }),
          onWarning: (message, path) => draft.warn(message, { path }),
        })
        for (const p of problems) {
          draft.report('LOAD_INTERPOLATION', p.message, {
            path: p.path,
            ...(p.variable === undefined ? {} : { hint: `set ${p.variable} in the shell or in the project's .env file` }),
          })
        }
        draft.model = value
      },
      'load:merged': async (_ctx, draft) => {
        if (draft.resolveEnvironment) await resolveServiceEnvironments(draft, { formats: options.formats ?? {}, discardEnvFiles: discard })
        await resolveLabelFiles(draft, discard)
      },
    },
  }
})
