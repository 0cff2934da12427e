/**
 * Plugin routes: each plugin given at server start may add routes under
 * `/v1/plugins/<plugin name>/…`. They run after every middleware (Host, Origin, token, JSON-only
 * mutations, body limit), so a plugin route is as protected as the built-in ones.
 */
import type { Hono } from 'hono'
import type { ComposePlugin } from '../../core/hooks.ts'
import { ComposeError } from '../../core/errors.ts'

export function pluginRoutePrefix(plugin: string): string {
  return `/v1/plugins/${encodeURIComponent(plugin)}`
}

export function mountPluginRoutes(app: Hono, plugins: readonly Pick<ComposePlugin, 'name' | 'routes'>[]): void {
  for (const plugin of plugins) {
    for (const route of plugin.routes ?? []) {
      if (!route.path.startsWith('/')) {
        throw new ComposeError('PLUGIN_INVALID', `plugin "${plugin.name}": route path "${route.path}" must start with /`)
      }
      app.on(route.method, `${pluginRoutePrefix(plugin.name)}${route.path}`, async (c) => {
        try {
          return await route.handler(c.req.raw, { signal: c.req.raw.signal, params: c.req.param() as Record<string, string> })
        } catch (error) {
          throw new ComposeError('PLUGIN_ERROR', `plugin "${plugin.name}" failed in route ${route.method} ${route.path}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error,
            plugin: plugin.name,
            hook: `route ${route.method} ${route.path}`,
          })
        }
      })
    }
  }
}
