/** A small, strict argv parser: long and short flags, `--flag=value`, repeated flags, `--`. */
import { ComposeError } from '../../core/errors.ts'
import type { FlagSpec, FlagSpecs, ParsedFlags } from './define.ts'

export interface ParsedArgs<F extends FlagSpecs> {
  flags: ParsedFlags<F>
  positionals: string[]
}

export interface ParseOptions {
  /** Stop at the first positional (for global flags before the command name, and for `exec svc cmd -x`). */
  stopAtPositional?: boolean
}

export function parseArgs<F extends FlagSpecs>(argv: readonly string[], specs: F, options: ParseOptions = {}): ParsedArgs<F> {
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(specs)) values[name] = initial(spec)
  const byShort = new Map<string, string>()
  for (const [name, spec] of Object.entries(specs)) if (spec.short !== undefined) byShort.set(spec.short, name)
  const positionals: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--') || (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg))) {
      const long = arg.startsWith('--')
      const eq = arg.indexOf('=')
      const key = long ? arg.slice(2, eq > 0 ? eq : undefined) : arg.slice(1, 2)
      let name = long ? key : byShort.get(key)
      if (long && name !== undefined && !(name in specs) && name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean') {
        values[name.slice(3)] = false
        continue
      }
      if (name === undefined || !(name in specs)) {
        throw new ComposeError('CLI_USAGE', `unknown flag: ${long ? `--${key}` : `-${key}`}`, { hint: suggest(key, Object.keys(specs)) })
      }
      const spec = specs[name] as FlagSpec
      let inline: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined
      if (!long && arg.length > 2) {
        if (spec.type === 'boolean') {
          // -dV: a cluster of short boolean flags
          values[name] = true
          for (const c of arg.slice(2)) {
            const other = byShort.get(c)
            if (other === undefined || specs[other]?.type !== 'boolean') throw new ComposeError('CLI_USAGE', `unknown flag: -${c} in ${arg}`)
            values[other] = true
          }
          continue
        }
        inline = arg.slice(2).replace(/^=/, '')
      }
      if (spec.type === 'boolean') {
        values[name] = inline === undefined ? true : !/^(false|0|no)$/i.test(inline)
        continue
      }
      let value = inline
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new ComposeError('CLI_USAGE', `flag --${name} needs a value`)
        value = argv[++i] as string
      }
      if (spec.type === 'number') {
        const n = Number(value)
        if (!Number.isFinite(n)) throw new ComposeError('CLI_USAGE', `flag --${name} takes a number, got "${value}"`)
        values[name] = n
      } else if (spec.type === 'strings') {
        ;(values[name] as string[]).push(value)
      } else {
        values[name] = value
      }
      name = undefined
      continue
    }
    positionals.push(arg)
    if (options.stopAtPositional === true) {
      positionals.push(...argv.slice(i + 1))
      break
    }
  }
  return { flags: values as ParsedFlags<F>, positionals }
}

function initial(spec: FlagSpec): unknown {
  if (spec.type === 'strings') return Array.isArray(spec.default) ? [...(spec.default as string[])] : []
  if (spec.type === 'boolean') return spec.unset === true ? undefined : (spec.default ?? false)
  return spec.default
}

/** "did you mean --x?" by edit distance. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1
  for (const c of candidates) {
    const d = distance(input, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best === undefined ? undefined : `did you mean ${best.length === 1 ? '-' : '--'}${best}?`
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length] as number
}
