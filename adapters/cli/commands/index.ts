/** The command table: name → lazy loader. Only the command that runs is imported. */
import type { CommandDef, FlagSpecs } from '../define.ts'

type Loader = () => Promise<CommandDef<FlagSpecs>>

export const COMMANDS: Record<string, { description: string; load: Loader }> = {
  version: { description: 'Show the compose version and the Docker Engine version', load: async () => (await import('./version.ts')).default as unknown as CommandDef<FlagSpecs> },
}
