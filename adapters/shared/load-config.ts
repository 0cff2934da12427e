/**
 * Loads user code: `compose.config.{ts,mts,mjs,js}` next to the compose file and `--plugin`
 * modules. Only the CLI and the library do this; nothing in a compose file and nothing in an
 * HTTP request can name code to load.
 *
 * TypeScript configs: Bun and Deno import them natively. Node 20 cannot, so we load them with
 * jiti (unjs/jiti: small, no dependencies, well kept, used by Nuxt, ESLint and Tailwind), and only
 * when a `.ts` config actually exists; it is imported lazily.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ComposeConfig } from '../../core/define-config.ts'
import { ComposeError } from '../../core/errors.ts'
import type { ComposePluginOption } from '../../core/hooks.ts'
import { detectRuntime } from '../../core/runtime/env.ts'

export const CONFIG_FILE_NAMES = ['compose.config.ts', 'compose.config.mts', 'compose.config.mjs', 'compose.config.js'] as const

export function findConfigFile(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(dir, name)
    if (existsSync(file)) return file
  }
  return undefined
}

// Node runs the CLI as one bundle compiled by vm.Script with a V8 code cache (bin/compose.cjs);
// there `import()` has no module loader behind it, so the bin passes one in under this name.
declare const __compose_import: ((specifier: string) => Promise<unknown>) | undefined

function dynamicImport(specifier: string): Promise<unknown> {
  return typeof __compose_import === 'function' ? __compose_import(specifier) : import(specifier)
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  const isTs = /\.(c|m)?tsx?$/.test(file)
  if (isTs && detectRuntime() === 'node') {
    const { createJiti } = (await dynamicImport('jiti')) as typeof import('jiti')
    const jiti = createJiti(import.meta.url, { interopDefault: false, moduleCache: false })
    return (await jiti.import(file)) as Record<string, unknown>
  }
  return (await dynamicImport(pathToFileURL(file).href)) as Record<string, unknown>
}

export async function loadConfigFile(file: string): Promise<ComposeConfig> {
  let mod: Record<string, unknown>
  try {
    mod = await importFile(file)
  } catch (cause) {
    throw new ComposeError('PLUGIN_INVALID', `cannot load ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'the file must export default defineConfig({ plugins: [...] })',
    })
  }
  const config = mod.default
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ComposeError('PLUGIN_INVALID', `${file} must export a config object as default`, {
      hint: "export default defineConfig({ plugins: [...] }) — import { defineConfig } from 'compose'",
    })
  }
  const { plugins, builtins } = config as ComposeConfig
  if (plugins !== undefined && !Array.isArray(plugins)) {
    throw new ComposeError('PLUGIN_INVALID', `${file}: "plugins" must be a list`)
  }
  return { ...(plugins === undefined ? {} : { plugins }), ...(builtins === undefined ? {} : { builtins }) }
}

/**
 * `--plugin MODULE`: a path (relative to cwd) or a package name resolved from cwd. The module's
 * default export (or its `plugin` export) is a plugin, a list of plugins, or a factory called
 * without arguments.
 */
export async function loadPluginModule(spec: string, cwd: string): Promise<ComposePluginOption[]> {
  const file = spec.startsWith('.') || isAbsolute(spec) ? resolve(cwd, spec) : resolvePackage(spec, cwd)
  let mod: Record<string, unknown>
  try {
    mod = await importFile(file)
  } catch (cause) {
    throw new ComposeError('PLUGIN_INVALID', `cannot load plugin module "${spec}" (${file}): ${(cause as Error).message}`, { cause })
  }
  const exported = mod.default ?? mod.plugin
  const value = typeof exported === 'function' ? await (exported as () => unknown)() : exported
  if (value === undefined || value === null || typeof value !== 'object') {
    throw new ComposeError('PLUGIN_INVALID', `plugin module "${spec}" exports no plugin`, {
      hint: 'export default definePlugin({ name: "compose-plugin-x", hooks: { ... } }) or a factory returning one',
    })
  }
  return [value as ComposePluginOption]
}

function resolvePackage(spec: string, cwd: string): string {
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(spec)
  } catch (cause) {
    throw new ComposeError('PLUGIN_INVALID', `plugin package "${spec}" is not installed in ${cwd}`, {
      cause,
      hint: `install it (npm install ${spec}) or pass a path such as ./my-plugin.ts`,
    })
  }
}
