/** The command table: name → lazy loader. Only the command that runs is imported. */
import type { CommandDef, FlagSpecs } from '../define.ts'

type Loader = () => Promise<CommandDef<FlagSpecs>>

export const COMMANDS: Record<string, { description: string; load: Loader }> = {
  config: { description: 'Parse, resolve and render compose file in canonical format', load: async () => (await import('./config.ts')).default as unknown as CommandDef<FlagSpecs> },
  serve: { description: 'Serve the compose HTTP API on a unix socket or on 127.0.0.1', load: async () => (await import('./serve.ts')).default as unknown as CommandDef<FlagSpecs> },
  version: { description: 'Show the compose version and the Docker Engine version', load: async () => (await import('./version.ts')).default as unknown as CommandDef<FlagSpecs> },
}
