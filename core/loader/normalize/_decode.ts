/**
 * Typed decoding of canonical dict values (compose-go's mapstructure hooks): strings cast to
 * booleans and numbers, `KEY=value` lists to maps, sizes, durations, shell-split commands.
 * Errors name the dotted path.
 */
import { ComposeError } from '../../errors.ts'
import { parseBytes } from './bytes.ts'
import { normalizeDuration } from './durations.ts'
import { splitShellWords } from './shell-words.ts'
import { isDict, type Dict } from './_tree.ts'

export type Path = readonly (string | number)[]
export type Decoder<T> = (value: unknown, path: Path) => T

export function where(path: Path): string {
  let out = ''
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`
  return out
}

export function fail(path: Path, message: string): never {
  throw new ComposeError('SCHEMA_INVALID', `${where(path)}: ${message}`, { issues: [{ message: `${where(path)}: ${message}`, path: where(path) }] })
}

/** Go's `fmt.Sprint` for scalars. */
export function sprint(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

export const str: Decoder<string> = (v, path) => {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isInteger(v)) return String(v)
  return fail(path, `must be a string`)
}

const TRUE = ['true', 'yes', 'y', 'on', '1', 't']
const FALSE = ['false', 'no', 'n', 'off', '0', 'f']

export const bool: Decoder<boolean> = (v, path) => {
  if (typeof v === 'boolean') return v
  if (typeof v === 'string') {
    const s = v.toLowerCase()
    if (TRUE.includes(s)) return true
    if (FALSE.includes(s)) return false
  }
  return fail(path, `invalid boolean value ${sprint(v)}`)
}

export const float: Decoder<number> = (v, path) => {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return fail(path, `invalid number ${sprint(v)}`)
}

export const int: Decoder<number> = (v, path) => {
  const n = float(v, path)
  if (!Number.isInteger(n)) fail(path, `must be an integer, got ${sprint(v)}`)
  return n
}

export const bytes: Decoder<number> = (v, path) => {
  try {
    return parseBytes(typeof v === 'number' ? v : str(v, path))
  } catch (error) {
    return fail(path, (error as Error).message)
  }
}

export const duration: Decoder<string> = (v, path) => {
  try {
    return normalizeDuration(sprint(v))
  } catch (error) {
    return fail(path, (error as Error).message)
  }
}

/** StringList / StringOrNumberList: a string becomes a one-item list. */
export const strList: Decoder<string[]> = (v, path) => {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.map((e, i) => (typeof e === 'string' ? e : typeof e === 'number' ? String(e) : str(e, [...path, i])))
  return fail(path, 'must be a string or a list of strings')
}

function splitPairs(list: unknown[], path: Path, valueless: string | null): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  list.forEach((e, i) => {
    const s = sprint(e)
    const at = s.indexOf('=')
    if (at < 0) out[s] = valueless
    else {
      const key = s.slice(0, at)
      if (/\s$/.test(key)) fail([...path, i], `environment variable ${key} is declared with a trailing space`)
      out[key] = s.slice(at + 1)
    }
  })
  return out
}

/** `Mapping` / `Labels` / `Options`: values are strings, a missing value is `""`. */
export const mapping: Decoder<Record<string, string>> = (v, path) => {
  if (Array.isArray(v)) return splitPairs(v, path, '') as Record<string, string>
  if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, sprint(e)]))
  return fail(path, 'must be a mapping or a list of KEY=value')
}

/** `MappingWithEquals` (environment, build args): a missing value is `null`. */
export const mappingWithEquals: Decoder<Record<string, string | null>> = (v, path) => {
  if (Array.isArray(v)) return splitPairs(v, path, null)
  if (isDict(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, e === null || e === undefined ? null : sprint(e)]))
  return fail(path, 'must be a mapping or a list of KEY=value')
}

/** `command` / `entrypoint`: a string is split like a shell would; `null` stays unset. */
export const shellCommand: Decoder<string[] | null | undefined> = (v, path) => {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'string') {
    try {
      return splitShellWords(v)
    } catch (error) {
      return fail(path, (error as Error).message)
    }
  }
  if (Array.isArray(v)) return v.map((e, i) => str(e, [...path, i]))
  return fail(path, 'must be a string or a list of strings')
}

export function dict(v: unknown, path: Path): Dict {
  if (isDict(v)) return v
  if (v === null || v === undefined) return {}
  return fail(path, 'must be a mapping')
}

/** Copy the `x-*` keys of `source` onto `target`. */
export function withExtensions<T extends object>(target: T, source: Dict): T {
  // for-in rather than Object.entries: called for every decoded struct, most have no `x-` key
  for (const k in source) {
    if (k.startsWith('x-') && Object.hasOwn(source, k)) (target as Record<string, unknown>)[k] = source[k]
  }
  return target
}

export type FieldTable = readonly (readonly [string, Decoder<unknown>])[]

/** Decode the fields of `source` listed in `table`, in table order, plus extensions. */
export function decodeFields<T extends object>(source: Dict, path: Path, table: FieldTable): T {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < table.length; i++) {
    const [key, decode] = table[i] as (typeof table)[number]
    if (!(key in source)) continue
    const value = decode(source[key], [...path, key])
    if (value !== undefined) out[key] = value
  }
  return withExtensions(out as T, source)
}

export function listOf<T>(decode: Decoder<T>): Decoder<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'must be a list')
    return v.map((e, i) => decode(e, [...path, i]))
  }
}

export function recordOf<T>(decode: Decoder<T>): Decoder<Record<string, T>> {
  return (v, path) => Object.fromEntries(Object.entries(dict(v, path)).map(([k, e]) => [k, decode(e, [...path, k])]))
}

export function struct<T extends object>(table: FieldTable): Decoder<T> {
  return (v, path) => decodeFields<T>(dict(v, path), path, table)
}
