import { COMMANDS } from './commands/index.ts'
import type { CommandDef, FlagSpec, FlagSpecs } from './define.ts'
import { GLOBAL_FLAGS } from './global-flags.ts'

export function mainHelp(): string {
  const names = Object.keys(COMMANDS).sort()
  const width = Math.max(...names.map((n) => n.length)) + 2
  return [
    'Usage:  compose [OPTIONS] COMMAND',
    '',
    'Define and run multi-container applications with Docker.',
    '',
    'Options:',
    flagLines(GLOBAL_FLAGS),
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n]?.description ?? ''}`),
    '',
    "Run 'compose COMMAND --help' for more information on a command.",
    '',
  ].join('\n')
}

export function commandHelp(command: CommandDef<FlagSpecs>): string {
  return [`Usage:  compose ${command.name} ${command.usage ?? '[OPTIONS]'}`, '', command.description, '', 'Options:', flagLines(command.flags), ''].join('\n')
}

function flagLines(specs: FlagSpecs): string {
  const rows = Object.entries(specs)
    .filter(([, s]) => s.hidden !== true)
    .map(([name, s]) => [label(name, s), describe(s)] as const)
  const width = Math.max(0, ...rows.map(([l]) => l.length)) + 2
  return rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`).join('\n')
}

function label(name: string, s: FlagSpec): string {
  const short = s.short === undefined ? '    ' : `-${s.short}, `
  const value = s.type === 'boolean' ? '' : ` ${s.placeholder ?? (s.type === 'number' ? 'N' : 'VALUE')}`
  return `${short}--${name}${value}`
}

function describe(s: FlagSpec): string {
  const def = s.default === undefined || s.default === false || (Array.isArray(s.default) && s.default.length === 0) ? '' : ` (default ${JSON.stringify(s.default)})`
  return `${s.description}${def}`
}
