/**
 * Commands that plugins declare (`commands: { name: { description, flags, run } }`), looked up
 * after the built-in table. Plugins come from `compose.config.*` next to the compose file and
 * from `--plugin` modules given before the command name; built-in commands always win.
 */
import { dirname } from 'node:path'
import { nodeFs } from '../../core/loader/_node-fs.ts'
import { discoverFiles } from '../../core/loader/discover.ts'
import type { PluginCommand, PluginFlagValue } from '../../core/plugin/types.ts'
import type { EngineClient } from '../../core/engine/client.ts'
import type { ComposeHooks } from '../../core/hooks.ts'
import type { PluginHost } from '../../core/plugin/host.ts'
import type { Compose } from '../lib/compose.ts'
import type { CommandDef, FlagSpecs, GlobalOptions } from './define.ts'
import { toGlobalOptions, type GlobalFlags } from './global-flags.ts'
import type { CliIo } from './io.ts'
import { cliCompose, projectOptions } from './project.ts'
import { release } from './engine.ts'

/** A table entry like those of commands/index.ts, or `undefined` when no plugin declares `name`. */
export async function pluginCommandEntry(
  name: string,
  head: GlobalFlags,
  io: CliIo,
): Promise<{ description: string; load: () => Promise<CommandDef<FlagSpecs>> } | undefined> {
  const global = toGlobalOptions(head, io.env)
  const compose = await cliCompose(io, global)
  const host = await compose.plugins(await configDir(io, global))
  for (const plugin of host.plugins) {
    const command = plugin.commands?.[name]
    if (command === undefined || !Object.hasOwn(plugin.commands ?? {}, name)) continue
    const def = toCommandDef(name, plugin.name, command, compose, host, io)
    return { description: command.description, load: () => Promise.resolve(def) }
  }
  return undefined
}

function toCommandDef(name: string, plugin: string, command: PluginCommand, compose: Compose, host: PluginHost<ComposeHooks>, io: CliIo): CommandDef<FlagSpecs> {
  const flags: FlagSpecs = {}
  for (const [key, flag] of Object.entries(command.flags ?? {})) flags[key] = { ...flag }
  return {
    name,
    description: `${command.description} (from ${plugin})`,
    ...(command.usage === undefined ? {} : { usage: command.usage }),
    flags,
    async run(ctx) {
      let client: EngineClient | undefined
      try {
        const code = await command.run({
          args: ctx.args,
          flags: ctx.flags as Readonly<Record<string, PluginFlagValue>>,
          signal: ctx.signal,
          cwd: io.cwd,
          env: io.env,
          write: (text) => io.stdout.write(text),
          writeError: (text) => io.stderr.write(text),
          project: async () => (await compose.load(await projectOptions(io, ctx.global, { signal: ctx.signal }), host)).project,
          engine: () => (client ??= compose.engine(host, ctx.signal)),
        })
        return code ?? 0
      } finally {
        release(client)
      }
    },
  }
}

/** Where `compose.config.*` is looked for: the directory of the first compose file, else cwd. */
async function configDir(io: CliIo, global: GlobalOptions): Promise<string> {
  try {
    const env = Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined))
    const found = await discoverFiles({
      cwd: io.cwd,
      env,
      fs: nodeFs,
      ...(global.files.length > 0 ? { files: global.files } : {}),
      ...(global.projectDirectory === undefined ? {} : { projectDirectory: global.projectDirectory }),
    })
    const first = found.files.find((f) => f !== '-')
    return first === undefined ? io.cwd : dirname(first)
  } catch {
    return io.cwd
  }
}
