/**
 * compose-plugin-secret-command — fetches secrets by running a command before `up`/`create`
 * and hands them to the container as environment variables, without writing them anywhere:
 *
 *   services:
 *     db:
 *       image: postgres
 *       x-secret-command:
 *         POSTGRES_PASSWORD: cat /run/keys/db          # a string runs through /bin/sh -c
 *         API_TOKEN: [pass, show, team/api-token]       # a list runs without a shell
 *
 * `plan:create` runs every command of the services about to get new containers (in parallel,
 * before any Engine call, so a failing command stops `up` before anything is created) and keeps
 * the values in memory; `container:create` adds them to the create body's `Env`. Values are never
 * logged, never put in errors, labels or the project model, never written to disk by compose
 * (the engine, of course, stores a container's environment: `docker inspect` shows it, as for
 * any `environment:` entry). Runs on Node, Bun and Deno through `node:child_process`.
 *
 * Trust: the commands come from the compose file. Load compose files you trust, or restrict the
 * programs with `allow: ['cat', 'pass']`.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { ComposeError, definePlugin, type ComposePlugin, type Project } from '../../../core/index.ts'

export interface SecretCommandOptions {
  /** Programs a command may start (its first word / element); default any. */
  allow?: readonly string[]
  /** Per-command time limit in ms (default 30 s). */
  timeoutMs?: number
  /** Environment of the commands (default: the process's). */
  env?: Readonly<Record<string, string | undefined>>
  /** Shell for string commands (default `/bin/sh`). */
  shell?: string
}

type Command = string | readonly string[]
const KEY = 'x-secret-command'

/** Validates one service's `x-secret-command`: variable name → command. */
export function readCommands(service: string, value: unknown): Record<string, Command> {
  if (value === undefined || value === null) return {}
  const bad = (message: string): ComposeError => new ComposeError('CONFIG_INVALID', `services.${service}.${KEY}: ${message}`, { hint: `e.g. ${KEY}: { DB_PASSWORD: "cat /run/keys/db" }` })
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('must be a mapping of VARIABLE: command')
  const out: Record<string, Command> = {}
  for (const [name, cmd] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw bad(`"${name}" is not a valid variable name`)
    const ok = (typeof cmd === 'string' && cmd.trim() !== '') || (Array.isArray(cmd) && cmd.length > 0 && cmd.every((c) => typeof c === 'string'))
    if (!ok) throw bad(`${name}: the command must be a string or a non-empty list of strings`)
    out[name] = cmd as Command
  }
  return out
}

function program(cmd: Command): string {
  return typeof cmd === 'string' ? (cmd.trim().split(/\s+/)[0] ?? '') : (cmd[0] ?? '')
}

/** Runs one command; resolves with its stdout minus one trailing newline (like `$(…)`). */
export function runSecretCommand(cmd: Command, cwd: string | undefined, signal: AbortSignal, options: SecretCommandOptions = {}): Promise<string> {
  if (signal.aborted) return Promise.reject(signal.reason)
  const [file, ...args] = typeof cmd === 'string' ? [options.shell ?? '/bin/sh', '-c', cmd] : cmd
  const shown = typeof cmd === 'string' ? cmd : cmd.join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, args, { cwd, env: { ...(options.env ?? process.env) }, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Uint8Array[] = []
    let err = ''
    const stop = (): void => void child.kill('SIGTERM')
    const timer = setTimeout(() => {
      stop()
      reject(new ComposeError('CONFIG_INVALID', `\`${shown}\` did not finish within ${options.timeoutMs ?? 30_000} ms`))
    }, options.timeoutMs ?? 30_000)
    const onAbort = (): void => {
      stop()
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    child.stdout.on('data', (chunk: Uint8Array) => void out.push(chunk))
    child.stderr.on('data', (chunk: Uint8Array) => void (err += new TextDecoder().decode(chunk)))
    child.on('error', (error) => {
      done()
      reject(new ComposeError('CONFIG_INVALID', `\`${shown}\` could not start: ${error.message}`))
    })
    child.on('close', (code) => {
      done()
      // never echo stdout: it is the secret
      if (code !== 0) return reject(new ComposeError('CONFIG_INVALID', `\`${shown}\` exited with ${String(code)}${err.trim() === '' ? '' : `: ${err.trim().split('\n')[0]}`}`))
      const text = new TextDecoder().decode(concat(out))
      resolve(text.endsWith('\n') ? text.slice(0, -1) : text)
    })
  })
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    all.set(p, at)
    at += p.byteLength
  }
  return all
}

function checkProject(project: Project, allow: readonly string[] | undefined): void {
  for (const [name, service] of Object.entries(project.services)) {
    for (const [variable, cmd] of Object.entries(readCommands(name, service[KEY]))) {
      if (allow !== undefined && !allow.includes(program(cmd))) {
        throw new ComposeError('CONFIG_INVALID', `services.${name}.${KEY}.${variable}: program "${program(cmd)}" is not allowed`, { hint: `allowed: ${allow.join(', ')}` })
      }
    }
  }
}

export const secretCommandPlugin = definePlugin((options: SecretCommandOptions = {}): ComposePlugin => {
  /** project → service → variable → value; memory only, dropped when the command finished. */
  const fetched = new Map<string, Map<string, Record<string, string>>>()
  return {
    name: 'compose-plugin-secret-command',
    hooks: {
      'load:resolved': (_ctx, project) => checkProject(project, options.allow),
      async 'plan:create'(ctx, draft) {
        const services = new Set<string>()
        for (const node of draft.plan.nodes) if (node.op.type === 'container:create') services.add(node.op.service)
        const values = new Map<string, Record<string, string>>()
        const jobs: Promise<void>[] = []
        for (const name of services) {
          const commands = readCommands(name, draft.project.services[name]?.[KEY])
          const env: Record<string, string> = {}
          values.set(name, env)
          for (const [variable, cmd] of Object.entries(commands)) {
            jobs.push(
              runSecretCommand(cmd, draft.project.workingDir, ctx.signal, options).then(
                (value) => void (env[variable] = value),
                (error: unknown) => {
                  if (ctx.signal.aborted) throw error
                  throw new ComposeError('CONFIG_INVALID', `services.${name}.${KEY}.${variable}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
                },
              ),
            )
          }
        }
        await Promise.all(jobs)
        fetched.set(draft.project.name, values)
      },
      'container:create'(_ctx, draft) {
        const env = fetched.get(draft.project.name)?.get(draft.service.name)
        if (env === undefined || Object.keys(env).length === 0) return
        const keep = (draft.spec.body.Env ?? []).filter((e) => !Object.hasOwn(env, e.split('=')[0] ?? ''))
        draft.spec.body.Env = [...keep, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)]
      },
      'project:up': (_ctx, done) => void fetched.delete(done.project),
    },
  }
})

export default secretCommandPlugin
