/**
 * The CLI entry point, and the only place that exits the process. Parses global flags, loads
 * the command lazily, runs it, and turns errors into messages and exit codes.
 */
import { fstatSync } from 'node:fs'
import process from 'node:process'
import { homeDir } from '../../core/runtime/env.ts'
import { COMMANDS } from './commands/index.ts'
import type { CommandDef, FlagSpecs } from './define.ts'
import { composeVariablesFromEnvFiles } from './dotenv-compose-vars.ts'
import { exitCodeFor, renderError } from './render-error.ts'
import { GLOBAL_FLAGS, toGlobalOptions } from './global-flags.ts'
import { commandHelp, mainHelp } from './help.ts'
import type { CliIo, Writer } from './io.ts'
import { parseArgs, suggest } from './parse-args.ts'
import { ComposeError } from '../../core/errors.ts'
import { COMPOSE_VERSION } from '../../core/version.ts'

/**
 * A pipe or a file is no terminal, which fstat tells without setting the stream up (for a pipe
 * that costs node:net, ~4 ms); a character device may be one, and the stream knows.
 */
function isTerminal(fd: 1 | 2, stream: () => NodeJS.WriteStream): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false
  } catch {
    // a runtime without fstat on standard descriptors: ask the stream
  }
  return stream().isTTY === true
}

/**
 * `stream()` is called on first use: Node sets each standard stream up when it is first touched
 * (for a pipe, with node:net), and a command that never writes to one does not pay for it.
 */
function writer(fd: 1 | 2, stream: () => NodeJS.WriteStream): Writer {
  return {
    write: (text) => void stream().write(text),
    get isTTY() {
      return isTerminal(fd, stream)
    },
    get columns() {
      return stream().columns
    },
  }
}

function createIo(): CliIo {
  const env = { ...process.env }
  let stdin: CliIo['stdin'] | undefined
  return {
    stdout: writer(1, () => process.stdout),
    stderr: writer(2, () => process.stderr),
    // on first use: Node sets up process.stdin (~4 ms) when it is first touched, and most
    // commands never read it
    get stdin() {
      return (stdin ??= Object.assign(process.stdin as unknown as AsyncIterable<Uint8Array>, { isTTY: process.stdin.isTTY === true }))
    },
    env,
    cwd: process.cwd(),
    home: homeDir(env),
    color: false,
  }
}

export async function main(argv: readonly string[], io: CliIo = createIo()): Promise<number> {
  const controller = new AbortController()
  const forceHandlers: (() => void | Promise<void>)[] = []
  const onSignal = (): void => {
    if (!controller.signal.aborted) return controller.abort(new ComposeError('CLI_USAGE', 'interrupted'))
    if (forceHandlers.length === 0) process.exit(130)
    // second Ctrl-C: let the command force its way out (kill instead of stop), then leave
    void Promise.allSettled(forceHandlers.map((h) => h())).then(() => process.exit(130))
    setTimeout(() => process.exit(130), 10_000)
  }
  const onForce = (handler: () => void | Promise<void>): void => void forceHandlers.push(handler)
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const head = parseArgs(argv, GLOBAL_FLAGS, { stopAtPositional: true })
    const [name, ...rest] = head.positionals
    if (head.flags.version && name === undefined) {
      io.stdout.write(`compose version ${COMPOSE_VERSION}\n`)
      return 0
    }
    if (name === undefined || name === 'help') {
      const target = name === 'help' ? rest[0] : undefined
      if (target !== undefined && COMMANDS[target] !== undefined) {
        io.stdout.write(commandHelp(await (COMMANDS[target] as { load: () => Promise<CommandDef<FlagSpecs>> }).load()))
      } else {
        io.stdout.write(mainHelp())
      }
      return name === undefined && !head.flags.help ? 1 : 0
    }
    const entry = COMMANDS[name] ?? (await (await import('./plugin-commands.ts')).pluginCommandEntry(name, head.flags, io))
    if (entry === undefined) {
      const hint = suggest(name, Object.keys(COMMANDS))?.replace(/--?/, '')
      throw new ComposeError('CLI_USAGE', `unknown command "${name}"`, { hint: hint ?? 'run `compose --help` for the list of commands' })
    }
    const command = await entry.load()
    const specs = { ...GLOBAL_FLAGS, ...command.flags } as FlagSpecs
    const parsed = parseArgs(rest, specs, { stopAtPositional: command.stopAtPositional === true })
    const flags = parsed.flags as Record<string, unknown>
    if (flags.help === true) {
      io.stdout.write(commandHelp(command))
      return 0
    }
    const mergedGlobals = mergeGlobals(head.flags as Record<string, unknown>, flags, command.flags)
    const fromEnvFiles = await composeVariablesFromEnvFiles(io.env, {
      cwd: io.cwd,
      files: mergedGlobals.file as string[],
      projectDirectory: mergedGlobals['project-directory'] as string | undefined,
      envFiles: mergedGlobals['env-file'] as string[],
    })
    if (Object.keys(fromEnvFiles).length > 0) io.env = { ...io.env, ...fromEnvFiles }
    const global = toGlobalOptions(mergedGlobals as Parameters<typeof toGlobalOptions>[0], io.env)
    if (global.dryRun && command.noDryRun !== undefined) {
      throw new ComposeError('CLI_USAGE', `--dry-run is not supported by "${command.name}": ${command.noDryRun}`, { hint: 'leave out --dry-run (COMPOSE_DRY_RUN)' })
    }
    io.color = global.ansi === 'always' || (global.ansi === 'auto' && io.stdout.isTTY)
    const code = await command.run({ flags: parsed.flags, args: parsed.positionals, global, io, signal: controller.signal, onForce })
    return code ?? 0
  } catch (error) {
    io.stderr.write(renderError(error, io.env.COMPOSE_DEBUG !== undefined))
    return exitCodeFor(error)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * Global flags may stand before or after the command name; lists from both places add up. A
 * flag the command defines itself (`pull --parallel`, v1's switch) is the command's after its name.
 */
function mergeGlobals(before: Record<string, unknown>, after: Record<string, unknown>, own: FlagSpecs): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(GLOBAL_FLAGS)) {
    const a = before[key]
    const b = Object.hasOwn(own, key) ? undefined : after[key]
    if (spec.type === 'strings') out[key] = [...((a as string[] | undefined) ?? []), ...((b as string[] | undefined) ?? [])]
    else if (spec.type === 'boolean') out[key] = a === true || b === true
    else out[key] = b ?? a
  }
  return out
}

const isEntry = (() => {
  const g = globalThis as { Deno?: { mainModule?: string } }
  const self = import.meta.url
  if (g.Deno?.mainModule !== undefined) return g.Deno.mainModule === self
  const argv1 = process.argv[1]
  return argv1 !== undefined && (self.endsWith(argv1) || self === `file://${argv1}`)
})()

if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`compose: internal error: ${String(error)}\n`)
      process.exit(1)
    },
  )
}
