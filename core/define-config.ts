/** The shape of `compose.config.{ts,mjs,js}` and of the library's plugin options. */
import type { ComposePluginOption } from './hooks.ts'

/** Built-in plugins that can be switched off (each is documented in docs/plugins.md). */
export type BuiltinPluginName = 'env' | 'scale' | 'health' | 'lifecycle-hooks'

export interface ComposeConfig {
  /** Plugins to add, in any nesting; falsy entries are skipped. */
  plugins?: ComposePluginOption[]
  /** Switch built-in plugins off: `{ health: false }`. All are on by default. */
  builtins?: Partial<Record<BuiltinPluginName, boolean>>
}

/** Types a `compose.config.ts` without changing it. */
export function defineConfig(config: ComposeConfig): ComposeConfig {
  return config
}
